package com.inspireworks.ivr.web.journal;

import com.inspireworks.ivr.journal.CallEvent;
import com.inspireworks.ivr.journal.CallOutcome;
import com.inspireworks.ivr.journal.CallRecord;
import com.inspireworks.ivr.journal.CallState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Journal records for the unit tests: a call builder and event factory. */
final class SampleCalls {

    static final Instant T0 = Instant.parse("2026-11-25T10:02:00Z");

    private SampleCalls() {
    }

    static Call call(String id) {
        return new Call(id);
    }

    static CallEvent event(long id, String callId, Instant at, String type, String language, String detail,
            int attempt, Map<String, String> parameters) {
        return new CallEvent(id, callId, at, type, Optional.ofNullable(language), Optional.ofNullable(detail), attempt,
                parameters);
    }

    static CallEvent event(long id, String callId, Instant at, String type) {
        return event(id, callId, at, type, null, null, 0, Map.of());
    }

    /** A {@link CallRecord} with sensible defaults: a completed real call to +14155550123. */
    static final class Call {
        String id;
        String requestedBy = "operator";
        String to = "+14155550123";
        String from = "+14155550100";
        boolean simulated;
        String requestUuid = "req-" + 1;
        String callUuid;
        CallState state = CallState.COMPLETED;
        CallOutcome outcome;
        String language;
        String option;
        String dialStatus;
        String associateLeg;
        String hangupCause;
        String hangupSource;
        Integer duration;
        Integer billed;
        String error;
        Instant requestedAt = T0;
        Instant answeredAt;
        Instant endedAt;

        Call(String id) {
            this.id = id;
        }

        Call to(String value) {
            to = value;
            return this;
        }

        Call state(CallState value) {
            state = value;
            return this;
        }

        Call outcome(CallOutcome value) {
            outcome = value;
            return this;
        }

        Call language(String value) {
            language = value;
            return this;
        }

        Call option(String value) {
            option = value;
            return this;
        }

        Call dialStatus(String value) {
            dialStatus = value;
            return this;
        }

        Call hangup(String cause, int seconds, Instant at) {
            hangupCause = cause;
            duration = seconds;
            billed = seconds;
            endedAt = at;
            return this;
        }

        Call answeredAt(Instant value) {
            answeredAt = value;
            return this;
        }

        Call requestedAt(Instant value) {
            requestedAt = value;
            return this;
        }

        Call requestedBy(String value) {
            requestedBy = value;
            return this;
        }

        Call error(String value) {
            error = value;
            return this;
        }

        Call simulated() {
            simulated = true;
            return this;
        }

        Call callUuid(String value) {
            callUuid = value;
            return this;
        }

        CallRecord build() {
            return new CallRecord(id, requestedBy, to, from, simulated, Optional.ofNullable(requestUuid),
                    Optional.ofNullable(callUuid), state, Optional.ofNullable(outcome), Optional.ofNullable(language),
                    Optional.ofNullable(option), Optional.ofNullable(dialStatus), Optional.ofNullable(associateLeg),
                    Optional.ofNullable(hangupCause), Optional.ofNullable(hangupSource),
                    Optional.ofNullable(duration), Optional.ofNullable(billed), Optional.ofNullable(error),
                    requestedAt, Optional.ofNullable(answeredAt), Optional.ofNullable(endedAt));
        }
    }
}
