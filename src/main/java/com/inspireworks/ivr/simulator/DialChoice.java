package com.inspireworks.ivr.simulator;

import java.util.Optional;

/**
 * How the other party's phone answers a Dial, chosen by the person testing the menu, with what Plivo then posts
 * to the Dial action ({@code DialStatus}, {@code DialHangupCause}).
 */
public enum DialChoice {

    ANSWERED("answered", "completed", "NORMAL_CLEARING", "The associate answered. (The conversation itself is not"
            + " simulated: it is over when the associate hangs up.)"),
    BUSY("busy", "busy", "USER_BUSY", "The associate's line is busy."),
    NO_ANSWER("no-answer", "no-answer", "NO_ANSWER", "Nobody answered the associate's phone.");

    private final String code;
    private final String dialStatus;
    private final String hangupCause;
    private final String description;

    DialChoice(String code, String dialStatus, String hangupCause, String description) {
        this.code = code;
        this.dialStatus = dialStatus;
        this.hangupCause = hangupCause;
        this.description = description;
    }

    /** The name used by the JSON API: {@code answered}, {@code busy}, {@code no-answer}. */
    public String code() {
        return code;
    }

    public String dialStatus() {
        return dialStatus;
    }

    public String hangupCause() {
        return hangupCause;
    }

    public String description() {
        return description;
    }

    public static Optional<DialChoice> fromCode(String code) {
        for (DialChoice choice : values()) {
            if (choice.code.equals(code)) {
                return Optional.of(choice);
            }
        }
        return Optional.empty();
    }
}
