package com.inspireworks.ivr.calls;

/** What became of an operator's request to call a number. */
public sealed interface CallResult {

    /** Plivo accepted the request; {@code requestUuid} identifies it (ALegRequestUUID in later webhooks). */
    record Placed(String requestUuid, String to) implements CallResult {
    }

    /** The number was not acceptable (invalid, or refused by the destination policy); nothing was sent to Plivo. */
    record Rejected(String message) implements CallResult {
    }

    /** Too many calls were placed recently; nothing was sent to Plivo. */
    record RateLimited(String message, java.time.Duration retryAfter) implements CallResult {
    }

    /** Calls cannot be placed with the current configuration; nothing was sent to Plivo. */
    record NotConfigured(String message) implements CallResult {
    }

    /** Plivo refused the request, failed, or could not be reached. */
    record Failed(String message) implements CallResult {
    }
}
