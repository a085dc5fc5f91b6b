package com.inspireworks.ivr.journal;

/** The kinds of step a webhook records. */
public enum StepType {
    /** The callee answered: Plivo fetched the answer URL (and heard the language menu). */
    ANSWERED,
    /** A menu was offered: the level-2 menu in a language. */
    MENU,
    /** A language was chosen at level 1; detail: the key. */
    LANGUAGE,
    /** An option was chosen at level 2; detail: {@code message} or {@code associate}. */
    OPTION,
    /** A key that is not on the menu; detail: what was sent as Digits. */
    INVALID,
    /** The caller pressed nothing after the menu was offered twice; the call ends. */
    NO_INPUT,
    /** The associate is being rung; detail: the associate's number. */
    DIAL,
    /** The Dial to the associate ended; detail: DialStatus. */
    DIAL_ENDED
}
