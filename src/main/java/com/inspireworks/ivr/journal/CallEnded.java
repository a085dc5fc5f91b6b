package com.inspireworks.ivr.journal;

import java.time.Instant;
import java.util.Objects;

/**
 * Plivo's hangup callback: {@code CallStatus}, {@code HangupCause}, {@code HangupSource}, {@code Duration},
 * {@code BillDuration}, {@code AnswerTime}, {@code EndTime} and the call's ids are in {@code call}.
 */
public record CallEnded(PlivoCallParameters call, Instant at) {

    public CallEnded {
        Objects.requireNonNull(call);
        Objects.requireNonNull(at);
    }
}
