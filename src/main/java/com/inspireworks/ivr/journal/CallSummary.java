package com.inspireworks.ivr.journal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a call's row says, derived from all of its stored events: state, outcome, choices, Plivo's hangup report.
 * A pure function of the set of events, whatever order they were stored in: steps are written behind, possibly by
 * other instances, and may land after the hangup that was committed at once, so the row is derived again whenever
 * new events of the call are stored. The outcome is set once the call has ended.
 */
record CallSummary(CallState state, Optional<CallOutcome> outcome, Optional<String> requestUuid,
        Optional<String> callUuid, Optional<String> language, Optional<String> option, Optional<String> dialStatus,
        Optional<String> associateLeg, Optional<String> hangupCause, Optional<String> hangupSource,
        Optional<Integer> durationSeconds, Optional<Integer> billedSeconds, Optional<String> error,
        Optional<Instant> answeredAt, Optional<Instant> endedAt) {

    private static final int LAST_ATTEMPT = 3;

    /** @param events the call's events, oldest first (by time, then by id) */
    static CallSummary of(List<CallEvent> events) {
        Optional<String> requestUuid = Optional.empty();
        Optional<String> callUuid = Optional.empty();
        Optional<String> language = Optional.empty();
        Optional<String> option = Optional.empty();
        Optional<String> dialStatus = Optional.empty();
        Optional<String> associateLeg = Optional.empty();
        Optional<String> error = Optional.empty();
        Optional<Instant> answeredAt = Optional.empty();
        Optional<Instant> failedAt = Optional.empty();
        CallEvent hangup = null;
        boolean placed = false;
        boolean inIvr = false;
        boolean outcomeUnknown = false;
        boolean noInput = false;
        boolean tooManyInvalid = false;
        for (CallEvent event : events) {
            if (callUuid.isEmpty()) {
                callUuid = Optional.ofNullable(event.parameters().get("CallUUID"));
            }
            if (requestUuid.isEmpty()) {
                requestUuid = Optional.ofNullable(event.parameters().get("ALegRequestUUID"))
                        .or(() -> Optional.ofNullable(event.parameters().get("RequestUUID")));
            }
            switch (event.type()) {
                case PendingEvent.PLACED -> {
                    placed = true;
                    requestUuid = event.detail();
                }
                case PendingEvent.FAILED -> {
                    error = event.detail();
                    failedAt = Optional.of(event.at());
                    outcomeUnknown = Boolean.parseBoolean(event.parameters().get(PendingEvent.OUTCOME_UNKNOWN));
                }
                case PendingEvent.HANGUP -> hangup = event;
                case PendingEvent.REQUESTED -> {
                    // the row itself
                }
                default -> {
                    inIvr = true;
                    if (event.type().equals("answered") && answeredAt.isEmpty()) {
                        answeredAt = Optional.of(event.at());
                    }
                    switch (event.type()) {
                        case "language" -> language = event.language();
                        case "option" -> option = event.detail();
                        case "dial-ended" -> {
                            dialStatus = event.detail();
                            if (event.detail().filter("completed"::equals).isPresent()) {
                                associateLeg = Optional.ofNullable(event.parameters().get("DialBLegUUID"))
                                        .or(() -> Optional.of(""));
                            }
                        }
                        case "no-input" -> noInput = true;
                        case "invalid" -> tooManyInvalid |= event.attempt() >= LAST_ATTEMPT;
                        default -> {
                        }
                    }
                }
            }
        }
        boolean answered = inIvr || hangup != null && answeredByPlivo(hangup);
        CallState state;
        Optional<CallOutcome> outcome = Optional.empty();
        Optional<Instant> endedAt = Optional.empty();
        if (hangup != null) {
            state = answered ? CallState.COMPLETED : CallState.NOT_ANSWERED;
            endedAt = Optional.of(hangup.at());
            outcome = Optional.of(answered
                    ? ivrOutcome(associateLeg.isPresent(), option, noInput, tooManyInvalid)
                    : CallOutcome.NOT_ANSWERED);
        } else if (answered) {
            state = CallState.IN_PROGRESS;
        } else if (failedAt.isPresent()) {
            // A timeout leaves the call's fate open: it stays FAILED (with the error saying so) unless Plivo's
            // webhooks show that it was placed after all.
            state = CallState.FAILED;
            endedAt = failedAt;
            outcome = Optional.of(CallOutcome.FAILED);
        } else if (placed) {
            state = CallState.RINGING;
        } else {
            state = CallState.REQUESTED;
        }
        if (outcomeUnknown && error.isPresent() && state != CallState.FAILED) {
            error = Optional.empty();
        }
        Optional<String> leg = associateLeg.filter(l -> !l.isEmpty());
        return new CallSummary(state, outcome, requestUuid, callUuid, language, option, dialStatus, leg,
                hangupValue(hangup, "HangupCause"), hangupValue(hangup, "HangupSource"),
                hangupValue(hangup, "Duration").flatMap(CallSummary::seconds),
                hangupValue(hangup, "BillDuration").flatMap(CallSummary::seconds),
                error, answeredAt, endedAt);
    }

    private static Optional<String> hangupValue(CallEvent hangup, String name) {
        return hangup == null ? Optional.empty() : Optional.ofNullable(hangup.parameters().get(name));
    }

    /** The hangup report of a call that never reached our answer URL may still say it was answered. */
    private static boolean answeredByPlivo(CallEvent hangup) {
        String answerTime = hangup.parameters().get("AnswerTime");
        if (answerTime != null && !answerTime.isBlank()) {
            return true;
        }
        return hangupValue(hangup, "BillDuration").flatMap(CallSummary::seconds).filter(s -> s > 0).isPresent();
    }

    private static CallOutcome ivrOutcome(boolean associateConnected, Optional<String> option, boolean noInput,
            boolean tooManyInvalid) {
        if (associateConnected) {
            return CallOutcome.ASSOCIATE;
        }
        if (option.isPresent()) {
            return option.get().equals("message") ? CallOutcome.MESSAGE : CallOutcome.NO_ASSOCIATE;
        }
        if (noInput) {
            return CallOutcome.NO_INPUT;
        }
        if (tooManyInvalid) {
            return CallOutcome.INVALID_INPUT;
        }
        return CallOutcome.HUNG_UP;
    }

    private static Optional<Integer> seconds(String value) {
        if (value == null || value.isEmpty() || value.length() > 9) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return Optional.empty();
            }
        }
        return Optional.of(Integer.parseInt(value));
    }
}
