package com.inspireworks.ivr.journal;

import java.time.Instant;
import java.util.Objects;

/**
 * A call that passed validation, the destination policy and the rate limits, about to be handed to the provider.
 *
 * @param callId our id of the call (also in its answer and hangup URLs)
 * @param requestedBy the operator or API user who asked for it
 * @param to the destination, E.164
 * @param from our caller id, E.164 (or the simulator's placeholder)
 * @param simulated true when the call goes to the built-in simulator, not to Plivo
 * @param at when it was requested
 */
public record CallRequested(String callId, String requestedBy, String to, String from, boolean simulated,
        Instant at) {

    public CallRequested {
        Objects.requireNonNull(callId);
        Objects.requireNonNull(requestedBy);
        Objects.requireNonNull(to);
        Objects.requireNonNull(from);
        Objects.requireNonNull(at);
    }
}
