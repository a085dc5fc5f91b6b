package com.inspireworks.ivr.journal;

import java.time.Instant;
import java.util.Objects;

/**
 * The provider did not place call {@code callId}.
 *
 * @param error what the provider said or what went wrong, in words for the operator
 * @param outcomeUnknown true when the request may have reached the provider (a timeout): the call may exist
 */
public record CallFailed(String callId, String error, boolean outcomeUnknown, Instant at) {

    public CallFailed {
        Objects.requireNonNull(callId);
        Objects.requireNonNull(error);
        Objects.requireNonNull(at);
    }
}
