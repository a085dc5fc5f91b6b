package com.inspireworks.ivr.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of a simulated call, taken under its lock: safe to read and serialise anywhere.
 *
 * @param id the simulator's id of the call, used in the phone page's URL
 * @param callUuid what the application sees as {@code CallUUID}
 * @param requestUuid what the application sees as {@code ALegRequestUUID}
 * @param from caller id shown to the person called
 * @param to the number called, E.164
 * @param state ringing, in progress or ended
 * @param awaiting what the call waits for from the person testing it
 * @param keysSoFar keys typed into the current GetDigits and not sent yet
 * @param dialNumbers while a Dial rings: the numbers rung; otherwise empty
 * @param endReason why the call ended; null while it has not
 * @param createdAt when the call was placed
 * @param events the transcript
 */
public record CallView(String id, String callUuid, String requestUuid, String from, String to,
        SimulatedCall.State state, SimulatedCall.Awaiting awaiting, String keysSoFar, List<String> dialNumbers,
        String endReason, Instant createdAt, List<TranscriptEvent> events) {

    public CallView {
        Objects.requireNonNull(id);
        Objects.requireNonNull(state);
        Objects.requireNonNull(awaiting);
        dialNumbers = List.copyOf(dialNumbers);
        events = List.copyOf(events);
    }
}
