package com.inspireworks.ivr.journal;

import java.util.Locale;
import java.util.Optional;

/**
 * How a call ended for the caller, derived from its steps when it ends. Its JSON and CSV form is {@link #code()}.
 */
public enum CallOutcome {
    /** Heard the recorded message. */
    MESSAGE,
    /** Talked to the associate (DialStatus completed). */
    ASSOCIATE,
    /** Asked for the associate, who was not reached (busy, no answer, failed, none configured), then hung up or
     *  was sent away. */
    NO_ASSOCIATE,
    /** Pressed nothing at a menu, twice. */
    NO_INPUT,
    /** Pressed wrong keys until the menu gave up. */
    INVALID_INPUT,
    /** Answered, then hung up before any of the above. */
    HUNG_UP,
    /** Never answered. */
    NOT_ANSWERED,
    /** Never placed. */
    FAILED;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<CallOutcome> fromCode(String code) {
        for (CallOutcome outcome : values()) {
            if (outcome.code().equals(code)) {
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }
}
