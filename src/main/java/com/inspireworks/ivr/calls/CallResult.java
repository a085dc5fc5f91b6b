package com.inspireworks.ivr.calls;

import java.time.Duration;

/** What became of an operator's request to call a number. */
public sealed interface CallResult {

    /**
     * The gateway accepted the request.
     *
     * @param callId our id of the call
     * @param requestUuid the provider's id of the request (ALegRequestUUID in later webhooks)
     * @param to the destination, E.164
     * @param route Plivo or the simulator
     */
    record Placed(String callId, String requestUuid, String to, CallRoute route) implements CallResult {
    }

    /** The number was not acceptable (invalid, or refused by the destination policy); nothing was sent. */
    record Rejected(String message) implements CallResult {
    }

    /** Too many calls were placed recently; nothing was sent. */
    record RateLimited(String message, Duration retryAfter) implements CallResult {
    }

    /**
     * Calls cannot be placed now: not configured for this route, the journal cannot record the call, or the gateway
     * is at capacity. Nothing was sent.
     */
    record Unavailable(String message) implements CallResult {
    }

    /**
     * The provider refused the request, failed, or could not be reached.
     *
     * @param callId our id of the call, as journaled
     * @param outcomeUnknown true when the call may exist after all (timeout)
     */
    record Failed(String callId, String message, boolean outcomeUnknown) implements CallResult {
    }
}
