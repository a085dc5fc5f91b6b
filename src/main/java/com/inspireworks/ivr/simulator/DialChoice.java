package com.inspireworks.ivr.simulator;

import java.util.Optional;

/**
 * How the other party's phone answers a ringing Dial, chosen by the person testing the menu, with what Plivo then
 * posts to the Dial action: every {@code DialStatus} Plivo documents (completed, busy, failed, timeout, no-answer),
 * with the {@code DialHangupCause} (FreeSWITCH's standard cause names, as Plivo's open-source engine reports them) and
 * {@code DialRingStatus} (whether the other phone rang) that go with it.
 *
 * <p>Sources: Plivo's Dial reference and "Dial status reporting" guide (DialStatus values, DialRingStatus,
 * DialALegUUID, DialBLegUUID "empty if nobody answers"); plivoframework {@code elements.py} ({@code Dial.execute}:
 * the hangup cause is the originate disposition, the ring flag is set by {@code execute_on_ring}).
 */
public enum DialChoice {

    ANSWERED("answered", "completed", "NORMAL_CLEARING", true,
            "The associate answered. (The conversation itself is not simulated: it is over when the associate hangs"
                    + " up.)"),
    BUSY("busy", "busy", "USER_BUSY", false, "The associate's line is busy."),
    /** Also what happens when nobody chooses: the Dial's {@code timeout} passes. */
    NO_ANSWER("no-answer", "no-answer", "NO_ANSWER", true, "Nobody answered the associate's phone."),
    FAILED("failed", "failed", "UNALLOCATED_NUMBER", false,
            "The associate's number could not be reached (it does not exist or is out of service)."),
    TIMEOUT("timeout", "timeout", "RECOVERY_ON_TIMER_EXPIRE", false,
            "The carrier did not set up the associate's call in time (a network timeout, not a ring timeout).");

    private final String code;
    private final String dialStatus;
    private final String hangupCause;
    private final boolean rang;
    private final String description;

    DialChoice(String code, String dialStatus, String hangupCause, boolean rang, String description) {
        this.code = code;
        this.dialStatus = dialStatus;
        this.hangupCause = hangupCause;
        this.rang = rang;
        this.description = description;
    }

    /** The name used by the JSON API: {@code answered}, {@code busy}, {@code no-answer}, {@code failed}, ... */
    public String code() {
        return code;
    }

    public String dialStatus() {
        return dialStatus;
    }

    public String hangupCause() {
        return hangupCause;
    }

    /** {@code DialRingStatus}: whether the associate's phone rang. */
    public boolean rang() {
        return rang;
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

    /** The codes, for error messages: {@code "answered", "busy", ...}. */
    public static String codes() {
        StringBuilder codes = new StringBuilder();
        for (DialChoice choice : values()) {
            codes.append(codes.length() == 0 ? "" : ", ").append('"').append(choice.code).append('"');
        }
        return codes.toString();
    }
}
