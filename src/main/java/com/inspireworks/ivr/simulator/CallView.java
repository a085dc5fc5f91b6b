package com.inspireworks.ivr.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a simulated call, taken by the thread working on it: safe to read and serialise anywhere, without
 * waiting for that thread.
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
 * @param answeredAt when it was answered, on the simulator's clock (fast-forward moves it back)
 * @param endedAt when it ended, on the simulator's clock
 * @param countdown what the call is doing until when; empty when nothing is timed (e.g. it has ended)
 * @param observedAt when this snapshot was read, on the simulator's clock
 * @param pending actions of the person testing that are queued and not done yet
 * @param events the transcript
 */
public record CallView(String id, String callUuid, String requestUuid, String from, String to,
        SimulatedCall.State state, SimulatedCall.Awaiting awaiting, String keysSoFar, List<String> dialNumbers,
        String endReason, Instant createdAt, Optional<Instant> answeredAt, Optional<Instant> endedAt,
        Optional<Countdown> countdown, Instant observedAt, int pending, List<TranscriptEvent> events) {

    public CallView {
        Objects.requireNonNull(id);
        Objects.requireNonNull(state);
        Objects.requireNonNull(awaiting);
        Objects.requireNonNull(answeredAt);
        Objects.requireNonNull(endedAt);
        Objects.requireNonNull(countdown);
        Objects.requireNonNull(observedAt);
        dialNumbers = List.copyOf(dialNumbers);
        events = List.copyOf(events);
    }

    /**
     * The call's current wait.
     *
     * @param what in words, e.g. "The IVR waits 7 s for a key (timeout)."
     * @param endsAt when it ends, on the simulator's clock
     * @param total how long it lasts in all
     */
    public record Countdown(String what, Instant endsAt, Duration total) {
        public Countdown {
            Objects.requireNonNull(what);
            Objects.requireNonNull(endsAt);
            Objects.requireNonNull(total);
        }
    }

    /** The same snapshot as read at {@code at} with {@code pending} actions queued. */
    CallView observed(Instant at, int pending) {
        return new CallView(id, callUuid, requestUuid, from, to, state, awaiting, keysSoFar, dialNumbers, endReason,
                createdAt, answeredAt, endedAt, countdown, at, pending, events);
    }

    /** How long the current wait still lasts, as of {@link #observedAt()}. */
    public Optional<Duration> remaining() {
        return countdown.map(c -> c.endsAt().isAfter(observedAt) ? Duration.between(observedAt, c.endsAt())
                : Duration.ZERO);
    }

    /** How long the call has been answered (or ringing, before), as of {@link #observedAt()}. */
    public Duration elapsed() {
        Instant from = answeredAt.orElse(createdAt);
        Instant until = endedAt.orElse(observedAt);
        return until.isAfter(from) ? Duration.between(from, until) : Duration.ZERO;
    }
}
