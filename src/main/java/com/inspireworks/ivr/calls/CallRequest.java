package com.inspireworks.ivr.calls;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything a provider needs to place one outbound call.
 *
 * @param callId our id of the call; the answer and hangup URLs carry it
 * @param from our Plivo number (caller id)
 * @param to the destination in E.164
 * @param answerUrl where Plivo fetches the first document once the callee answers
 * @param hangupUrl where Plivo reports the end of the call
 * @param timeLimit the longest the call may last
 * @param requestedBy who asked for the call (the signed-in operator): a simulated call belongs to them
 */
public record CallRequest(String callId, String from, String to, String answerUrl, String hangupUrl,
        Duration timeLimit, String requestedBy) {

    /** Who asked is not known (e.g. a call placed by the application itself). */
    public static final String UNKNOWN_REQUESTER = "-";

    public CallRequest(String callId, String from, String to, String answerUrl, String hangupUrl, Duration timeLimit) {
        this(callId, from, to, answerUrl, hangupUrl, timeLimit, UNKNOWN_REQUESTER);
    }

    public CallRequest {
        Objects.requireNonNull(callId);
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        Objects.requireNonNull(answerUrl);
        Objects.requireNonNull(hangupUrl);
        Objects.requireNonNull(timeLimit);
        Objects.requireNonNull(requestedBy);
    }
}
