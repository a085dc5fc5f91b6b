package com.inspireworks.ivr.web.journal;

import static com.inspireworks.ivr.web.journal.SampleCalls.T0;
import static com.inspireworks.ivr.web.journal.SampleCalls.call;
import static com.inspireworks.ivr.web.journal.SampleCalls.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.inspireworks.ivr.journal.CallDetail;
import com.inspireworks.ivr.journal.CallEvent;
import com.inspireworks.ivr.journal.CallRecord;
import com.inspireworks.ivr.journal.CallState;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallPathTest {

    static final String ID = "6f1c2a4e-8b9d-4c3e-9f00-123456789abc";

    /** Events of one call, a second apart from 10:02:00 unless given. */
    static final class Steps {
        final List<CallEvent> events = new ArrayList<>();
        Instant at = T0;

        Steps add(String type, String language, String detail, int attempt) {
            return add(type, language, detail, attempt, Map.of());
        }

        Steps add(String type, String language, String detail, int attempt, Map<String, String> parameters) {
            events.add(event(events.size() + 1, ID, at, type, language, detail, attempt, parameters));
            at = at.plusSeconds(1);
            return this;
        }

        Steps at(String instant) {
            at = Instant.parse(instant);
            return this;
        }

        String path(CallRecord call) {
            return CallPath.of(new CallDetail(call, events)).text(ZoneOffset.UTC);
        }
    }

    @Test
    void theIssuesExampleReadsAsWritten() {
        Steps steps = new Steps()
                .add("requested", null, null, 0)
                .add("placed", null, null, 0)
                .at("2026-11-25T10:02:03Z").add("answered", null, null, 1)
                .add("language", "es", "2", 1)
                .add("menu", "es", null, 1)
                .add("option", "es", "associate", 1)
                .add("dial", "es", "+14155550199", 1)
                .add("dial-ended", "es", "busy", 1)
                .at("2026-11-25T10:03:10Z")
                .add("hangup", null, null, 0, Map.of("HangupCause", "NORMAL_CLEARING", "Duration", "67"));
        assertEquals("answered 10:02:03 · chose Español · pressed 2 · associate busy · heard the menu again"
                + " · hung up 10:03:10, NORMAL_CLEARING, 67 s", steps.path(call(ID).build()));
    }

    @Test
    void timesAreShownInTheZoneAsked() {
        Steps steps = new Steps().at("2026-11-25T10:02:03Z").add("answered", null, null, 1);
        CallPath path = CallPath.of(new CallDetail(call(ID).build(), steps.events));
        assertEquals("answered 11:02:03", path.text(ZoneId.of("Europe/Madrid")));
        assertEquals(Instant.parse("2026-11-25T10:02:03Z"), path.steps().get(0).at().orElseThrow());
    }

    @Test
    void anEnglishCallerWhoHearsTheMessage() {
        Steps steps = new Steps()
                .add("answered", null, null, 1)
                .add("language", "en", "1", 1)
                .add("menu", "en", null, 1)
                .add("option", "en", "message", 1)
                .at("2026-11-25T10:03:00Z")
                .add("hangup", null, null, 0, Map.of("HangupCause", "NORMAL_CLEARING", "Duration", "58"));
        assertEquals("answered 10:02:00 · chose English · pressed 1 · heard the recorded message"
                + " · hung up 10:03:00, NORMAL_CLEARING, 58 s", steps.path(call(ID).build()));
    }

    @Test
    void wrongKeysThenTooManyTries() {
        Steps steps = new Steps()
                .add("answered", null, null, 1)
                .add("invalid", null, "7", 1)
                .add("language", "en", "1", 2)
                .add("menu", "en", null, 1)
                .add("invalid", "en", "9", 1)
                .add("invalid", "en", "*", 2)
                .add("invalid", "en", "0", 3);
        assertEquals("answered 10:02:00 · pressed 7 (not an option) · heard the language menu again · chose English"
                + " · pressed 9 (not an option) · heard the menu again · pressed * (not an option) · heard the menu"
                + " again · pressed 0 (not an option) · heard goodbye after too many tries",
                steps.path(call(ID).state(CallState.IN_PROGRESS).build()));
    }

    @Test
    void silenceEndsTheCall() {
        Steps steps = new Steps()
                .add("answered", null, null, 1)
                .add("no-input", null, null, 1)
                .add("hangup", null, null, 0, Map.of("HangupCause", "NORMAL_CLEARING", "Duration", "21"));
        assertEquals("answered 10:02:00 · pressed nothing, heard goodbye · hung up 10:02:02, NORMAL_CLEARING, 21 s",
                steps.path(call(ID).build()));
    }

    @Test
    void theAssociateTalksOrIsNeverReachedOnTheLastTry() {
        Steps talked = new Steps()
                .add("answered", null, null, 1)
                .add("language", "en", "1", 1)
                .add("option", "en", "associate", 1)
                .add("dial", "en", "+14155550199", 1)
                .add("dial-ended", "en", "completed", 1);
        assertEquals("answered 10:02:00 · chose English · pressed 2 · talked to the associate",
                talked.path(call(ID).state(CallState.IN_PROGRESS).build()));
        Steps lastTry = new Steps()
                .add("option", "en", "associate", 3)
                .add("dial", "en", "+14155550199", 3)
                .add("dial-ended", "en", "no-answer", 3);
        assertEquals("pressed 2 · associate did not answer · asked to call again later",
                lastTry.path(call(ID).state(CallState.IN_PROGRESS).build()));
    }

    @Test
    void noAssociateConfiguredMeansNoDialAndTheMenuAgain() {
        Steps steps = new Steps()
                .add("option", "es", "associate", 1)
                .add("option", "es", "message", 2);
        assertEquals("pressed 2 · no associate available · heard the menu again · pressed 1 · heard the recorded"
                + " message", steps.path(call(ID).state(CallState.IN_PROGRESS).build()));
    }

    @Test
    void aCallNobodyAnswered() {
        Steps steps = new Steps()
                .add("requested", null, null, 0)
                .add("placed", null, null, 0)
                .at("2026-11-25T10:02:40Z")
                .add("hangup", null, null, 0, Map.of("HangupCause", "NO_ANSWER", "Duration", "0"));
        assertEquals("not answered, ended 10:02:40, NO_ANSWER",
                steps.path(call(ID).state(CallState.NOT_ANSWERED).build()));
    }

    @Test
    void aCallThePoviderRefused() {
        Steps steps = new Steps()
                .add("requested", null, null, 0)
                .add("failed", null, "Plivo rejected the number", 0);
        CallRecord call = call(ID).state(CallState.FAILED).error("Plivo rejected the number")
                .hangup(null, 0, T0.plusSeconds(1)).build();
        assertEquals("not placed: Plivo rejected the number", steps.path(call));
    }

    @Test
    void theEndingComesFromTheRecordWhenNoHangupStepWasStored() {
        Steps steps = new Steps().add("answered", null, null, 1);
        CallRecord call = call(ID).answeredAt(T0).hangup("NORMAL_CLEARING", 12, T0.plusSeconds(12)).build();
        assertEquals("answered 10:02:00 · hung up 10:02:12, NORMAL_CLEARING, 12 s", steps.path(call));
    }

    @Test
    void unknownStepsAndLanguagesAreShownAsStored() {
        Steps steps = new Steps()
                .add("language", "fr", "3", 1)
                .add("transferred", null, "queue-4", 1);
        assertEquals("chose fr · transferred queue-4", steps.path(call(ID).state(CallState.IN_PROGRESS).build()));
    }

    @Test
    void oneStepAloneForTheLiveView() {
        Instant at = T0;
        assertEquals("requested", CallPath.describe(event(1, ID, at, "requested")));
        assertEquals("ringing", CallPath.describe(event(2, ID, at, "placed")));
        assertEquals("answered", CallPath.describe(event(3, ID, at, "answered")));
        assertEquals("chose Español", CallPath.describe(event(4, ID, at, "language", "es", "2", 1, Map.of())));
        assertEquals("heard the menu in Español", CallPath.describe(event(5, ID, at, "menu", "es", null, 1,
                Map.of())));
        assertEquals("pressed 2, the associate", CallPath.describe(event(6, ID, at, "option", "es", "associate", 1,
                Map.of())));
        assertEquals("ringing the associate", CallPath.describe(event(7, ID, at, "dial", "es", "+1", 1, Map.of())));
        assertEquals("associate busy", CallPath.describe(event(8, ID, at, "dial-ended", "es", "busy", 1,
                Map.of())));
        assertEquals("hung up, NORMAL_CLEARING, 67 s", CallPath.describe(event(9, ID, at, "hangup", null, null, 0,
                Map.of("HangupCause", "NORMAL_CLEARING", "Duration", "67"))));
        assertEquals("not placed: refused", CallPath.describe(event(10, ID, at, "failed", null, "refused", 0,
                Map.of())));
    }

    @Test
    void languageNamesAreTheLanguagesOwn() {
        assertEquals("English", CallPath.languageName("en"));
        assertEquals("Español", CallPath.languageName("es"));
        assertEquals("xx", CallPath.languageName("xx"));
    }
}
