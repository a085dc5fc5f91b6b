package com.inspireworks.ivr.calls;

/**
 * The provider did not accept a call request. The message is meant for the operator: it says what went wrong and
 * what to do, and never carries credentials or a stack trace.
 */
public final class CallFailedException extends Exception {

    public CallFailedException(String message) {
        super(message);
    }

    public CallFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
