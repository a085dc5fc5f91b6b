package com.inspireworks.ivr.web.operator;

import com.inspireworks.ivr.calls.CallResult;
import java.io.Serializable;

/**
 * The outcome of the operator's last call request, kept in the session for exactly one redirect
 * (POST-redirect-GET). A JavaBean for JSP EL; serializable for session replication.
 */
public final class LastCall implements Serializable {

    private static final long serialVersionUID = 1L;

    private final boolean placed;
    private final String message;
    private final String callId;
    private final String requestUuid;
    private final String to;

    private LastCall(boolean placed, String message, String callId, String requestUuid, String to) {
        this.placed = placed;
        this.message = message;
        this.callId = callId;
        this.requestUuid = requestUuid;
        this.to = to;
    }

    /** Longest input shown again in the field; longer input is not a phone number anyway. */
    static final int MAX_SHOWN_INPUT = 64;

    /** @param input what the operator typed, shown again (cut short) in the field after a failure */
    static LastCall of(CallResult result, String input) {
        if (input != null && input.length() > MAX_SHOWN_INPUT) {
            input = input.substring(0, MAX_SHOWN_INPUT);
        }
        if (result instanceof CallResult.Placed placed) {
            return new LastCall(true, CallResults.message(result), placed.callId(), placed.requestUuid(), placed.to());
        }
        return new LastCall(false, CallResults.message(result), null, null, input);
    }

    public boolean isPlaced() {
        return placed;
    }

    public String getMessage() {
        return message;
    }

    /** Our id of the call (the journal's), or null after a failure. */
    public String getCallId() {
        return callId;
    }

    public String getRequestUuid() {
        return requestUuid;
    }

    /** The number, normalised after success or as typed after a failure. */
    public String getTo() {
        return to;
    }
}
