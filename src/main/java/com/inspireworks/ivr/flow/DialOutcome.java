package com.inspireworks.ivr.flow;

/** What Plivo reports in {@code DialStatus} once a Dial to the associate has ended, reduced to what the flow needs. */
public enum DialOutcome {
    /** The associate answered and the conversation is over. */
    COMPLETED,
    /** busy, no-answer, failed, timeout, or anything unexpected: the caller is told nobody is available. */
    UNAVAILABLE;

    public static DialOutcome fromDialStatus(String dialStatus) {
        return "completed".equals(dialStatus) ? COMPLETED : UNAVAILABLE;
    }
}
