package com.inspireworks.ivr.calls;

/**
 * The provider did not accept a call request. The message is meant for the operator: it says what went wrong and
 * what to do, and never carries credentials or a stack trace.
 */
public final class CallFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the call was not placed, as far as we know. */
    public enum Kind {
        /** The provider answered and refused, or could not be reached at all: no call exists. */
        NOT_PLACED,
        /** The request may have reached the provider (timeout, broken connection): the call may exist. */
        OUTCOME_UNKNOWN,
        /** The gateway is at capacity right now (the simulator's limit of calls in progress); try later. */
        AT_CAPACITY
    }

    private final Kind kind;

    public CallFailedException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public CallFailedException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
