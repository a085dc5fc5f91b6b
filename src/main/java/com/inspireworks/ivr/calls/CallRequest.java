package com.inspireworks.ivr.calls;

import java.time.Duration;

/**
 * Everything Plivo needs to place one outbound call.
 *
 * @param from our Plivo number (caller id)
 * @param to the destination in E.164
 * @param answerUrl where Plivo fetches the first document once the callee answers
 * @param hangupUrl where Plivo reports the end of the call
 * @param timeLimit the longest the call may last
 */
public record CallRequest(String from, String to, String answerUrl, String hangupUrl, Duration timeLimit) {
}
