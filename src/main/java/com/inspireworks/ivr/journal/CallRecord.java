package com.inspireworks.ivr.journal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One journaled call as the operator pages and the JSON API show it. Optional fields are empty until known.
 *
 * @param id our id of the call
 * @param requestedBy the operator or API user who placed it (campaign later)
 * @param to destination, E.164
 * @param from our caller id
 * @param simulated placed in the built-in simulator, not through Plivo
 * @param requestUuid the gateway's id of the create-call request
 * @param callUuid Plivo's CallUUID, once the call was answered or ended
 * @param state where the call is
 * @param outcome how it ended for the caller, once it ended
 * @param language code of the language chosen ({@code en}, {@code es})
 * @param option the level-2 option chosen: {@code message} or {@code associate}
 * @param dialStatus how the Dial to the associate ended (the last one)
 * @param associateLeg DialBLegUUID of the associate's leg, when the associate answered
 * @param hangupCause Plivo's HangupCause
 * @param hangupSource Plivo's HangupSource
 * @param durationSeconds Plivo's Duration
 * @param billedSeconds Plivo's BillDuration
 * @param error what the gateway said when it refused, or why the outcome is unknown
 * @param requestedAt when it was requested
 * @param answeredAt when it was answered
 * @param endedAt when it ended (hangup callback, or the gateway's refusal)
 */
public record CallRecord(String id, String requestedBy, String to, String from, boolean simulated,
        Optional<String> requestUuid, Optional<String> callUuid, CallState state, Optional<CallOutcome> outcome,
        Optional<String> language, Optional<String> option, Optional<String> dialStatus,
        Optional<String> associateLeg, Optional<String> hangupCause, Optional<String> hangupSource,
        Optional<Integer> durationSeconds, Optional<Integer> billedSeconds, Optional<String> error,
        Instant requestedAt, Optional<Instant> answeredAt, Optional<Instant> endedAt) {

    public CallRecord {
        Objects.requireNonNull(id);
        Objects.requireNonNull(requestedBy);
        Objects.requireNonNull(to);
        Objects.requireNonNull(from);
        Objects.requireNonNull(state);
        Objects.requireNonNull(requestedAt);
    }
}
