package com.inspireworks.ivr.journal;

import java.time.Instant;
import java.util.Objects;

/** The provider accepted call {@code callId}; {@code requestUuid} is its request id (ALegRequestUUID later). */
public record CallPlaced(String callId, String requestUuid, Instant at) {

    public CallPlaced {
        Objects.requireNonNull(callId);
        Objects.requireNonNull(requestUuid);
        Objects.requireNonNull(at);
    }
}
