package com.inspireworks.ivr.journal;

import java.util.Locale;
import java.util.Optional;

/** Where a journaled call is in its life. Its JSON and CSV form is {@link #code()}: {@code in-progress}. */
public enum CallState {
    /** Recorded, not yet accepted by the gateway (or we crashed before hearing back: outcome unknown). */
    REQUESTED,
    /** The gateway accepted the call; the phone rings. */
    RINGING,
    /** The callee answered; the caller is in the menus. */
    IN_PROGRESS,
    /** Ended after being answered. */
    COMPLETED,
    /** Ended without being answered (busy, no answer, rejected, cancelled). */
    NOT_ANSWERED,
    /** The gateway refused the call or could not be reached. */
    FAILED;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<CallState> fromCode(String code) {
        for (CallState state : values()) {
            if (state.code().equals(code)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
