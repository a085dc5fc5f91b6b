package com.inspireworks.ivr.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a call's row follows from its events, whatever order they were stored in. */
class CallSummaryTest {

    private final Instant start = Instant.parse("2026-11-25T10:00:00Z");
    private final List<CallEvent> events = new ArrayList<>();

    private CallSummaryTest add(String type, String language, String detail, int attempt, Map<String, String> params) {
        events.add(new CallEvent(events.size() + 1, "call", start.plusSeconds(events.size()), type,
                Optional.ofNullable(language), Optional.ofNullable(detail), attempt, params));
        return this;
    }

    private CallSummaryTest add(String type, String language, String detail, int attempt) {
        return add(type, language, detail, attempt, Map.of("CallUUID", "uuid-1"));
    }

    private CallSummaryTest answered() {
        return add("requested", null, null, 0, Map.of()).add("placed", null, "req-1", 0, Map.of())
                .add("answered", null, null, 1);
    }

    private CallSummaryTest hangup(Map<String, String> report) {
        return add("hangup", null, report.get("HangupCause"), 0, report);
    }

    private CallSummary summary() {
        return CallSummary.of(events);
    }

    @Test
    void statesFollowTheCallsLife() {
        add("requested", null, null, 0, Map.of());
        assertEquals(CallState.REQUESTED, summary().state());
        add("placed", null, "req-1", 0, Map.of());
        assertEquals(CallState.RINGING, summary().state());
        assertEquals(Optional.of("req-1"), summary().requestUuid());
        add("answered", null, null, 1);
        assertEquals(CallState.IN_PROGRESS, summary().state());
        assertEquals(Optional.of("uuid-1"), summary().callUuid());
        assertEquals(Optional.empty(), summary().outcome(), "no outcome before the end");
        hangup(Map.of("HangupCause", "NORMAL_CLEARING", "Duration", "12", "BillDuration", "60"));
        assertEquals(CallState.COMPLETED, summary().state());
        assertEquals(Optional.of(CallOutcome.HUNG_UP), summary().outcome());
        assertEquals(Optional.of(12), summary().durationSeconds());
        assertEquals(Optional.of(60), summary().billedSeconds());
    }

    @Test
    void outcomes() {
        assertEquals(CallOutcome.ASSOCIATE, outcomeOf(s -> s.add("language", "en", "1", 1)
                .add("option", "en", "associate", 1).add("dial", "en", "+1", 1)
                .add("dial-ended", "en", "completed", 1, Map.of("DialBLegUUID", "b-leg"))));
        assertEquals(CallOutcome.NO_ASSOCIATE, outcomeOf(s -> s.add("option", "en", "associate", 1)
                .add("dial-ended", "en", "no-answer", 1)));
        assertEquals(CallOutcome.MESSAGE, outcomeOf(s -> s.add("option", "en", "associate", 1)
                .add("dial-ended", "en", "busy", 1).add("option", "en", "message", 2)));
        assertEquals(CallOutcome.NO_INPUT, outcomeOf(s -> s.add("no-input", null, null, 1)));
        assertEquals(CallOutcome.INVALID_INPUT, outcomeOf(s -> s.add("invalid", null, "9", 1)
                .add("invalid", null, "9", 2).add("invalid", null, "#", 3)));
        assertEquals(CallOutcome.HUNG_UP, outcomeOf(s -> s.add("invalid", null, "9", 1)));
    }

    private CallOutcome outcomeOf(java.util.function.UnaryOperator<CallSummaryTest> steps) {
        CallSummaryTest call = new CallSummaryTest();
        steps.apply(call.answered()).hangup(Map.of("HangupCause", "NORMAL_CLEARING"));
        return call.summary().outcome().orElseThrow();
    }

    @Test
    void theSameEventsInAnyOrderGiveTheSameRow() {
        answered().add("language", "es", "2", 1).add("option", "es", "associate", 1)
                .add("dial-ended", "es", "busy", 1).add("option", "es", "message", 2)
                .hangup(Map.of("HangupCause", "NORMAL_CLEARING"));
        CallSummary inOrder = summary();
        List<CallEvent> shuffled = new ArrayList<>(events);
        Collections.reverse(shuffled);
        // Stored order differs; the journal reads them back by time, as here.
        shuffled.sort(java.util.Comparator.comparing(CallEvent::at));
        assertEquals(inOrder, CallSummary.of(shuffled));
        assertEquals(Optional.of("message"), inOrder.option(), "the last choice counts");
        assertEquals(Optional.of("es"), inOrder.language());
    }

    @Test
    void aCallNeverAnsweredAndOneRefused() {
        add("requested", null, null, 0, Map.of()).add("placed", null, "req-1", 0, Map.of());
        hangup(Map.of("CallUUID", "uuid-1", "HangupCause", "NO_ANSWER", "CallStatus", "no-answer"));
        assertEquals(CallState.NOT_ANSWERED, summary().state());
        assertEquals(Optional.of(CallOutcome.NOT_ANSWERED), summary().outcome());

        CallSummaryTest refused = new CallSummaryTest();
        refused.add("requested", null, null, 0, Map.of()).add("failed", null, "Plivo said no", 0,
                Map.of("outcomeUnknown", "false"));
        assertEquals(CallState.FAILED, refused.summary().state());
        assertEquals(Optional.of(CallOutcome.FAILED), refused.summary().outcome());
        assertEquals(Optional.of("Plivo said no"), refused.summary().error());
    }

    @Test
    void plivoSaysAnsweredWhenOurAnswerStepWasLost() {
        add("requested", null, null, 0, Map.of()).add("placed", null, "req-1", 0, Map.of());
        hangup(Map.of("HangupCause", "NORMAL_CLEARING", "AnswerTime", "2026-11-25 10:00:03", "BillDuration", "60"));
        assertEquals(CallState.COMPLETED, summary().state());
    }
}
