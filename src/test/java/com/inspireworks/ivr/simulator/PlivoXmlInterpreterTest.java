package com.inspireworks.ivr.simulator;

import com.inspireworks.ivr.support.ManualClock;
import static com.inspireworks.ivr.simulator.ScriptedWebhooks.ANSWER_URL;
import static com.inspireworks.ivr.simulator.ScriptedWebhooks.HANGUP_URL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.simulator.ScriptedWebhooks.Request;
import com.inspireworks.ivr.simulator.SimulatedCall.Awaiting;
import com.inspireworks.ivr.simulator.SimulatedCall.State;
import com.inspireworks.ivr.simulator.TranscriptEvent.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The interpreter driven with hand-written Plivo documents, no server: every element and the edge cases. */
class PlivoXmlInterpreterTest {

    static final String ACTION = "https://ivr.example.com/ivr/action";
    static final String NEXT = "https://ivr.example.com/ivr/next";

    final ScriptedWebhooks web = new ScriptedWebhooks();
    final ManualClock clock = new ManualClock();
    final CallSimulator simulator = new CallSimulator(new PlivoXmlInterpreter(web, clock),
            clock, 10, Duration.ofMinutes(10), 60);

    /** Places a call to a valid number, answers it with {@code document} at the answer URL. */
    String answered(String document) {
        web.xml(ANSWER_URL, document);
        String id = ((CallSimulator.Placed) simulator.place(ScriptedWebhooks.request("+14155550123"))).call().id();
        simulator.answer(id);
        return id;
    }

    CallView view(String id) {
        return simulator.find(id).orElseThrow();
    }

    static List<String> heard(CallView call) {
        return call.events().stream().filter(e -> e.kind() == Kind.SPEAK).map(TranscriptEvent::text).toList();
    }

    static List<TranscriptEvent> events(CallView call, Kind kind) {
        return call.events().stream().filter(e -> e.kind() == kind).toList();
    }

    Map<String, String> onlyRequestTo(String url) {
        List<Request> requests = web.requestsTo(url);
        assertEquals(1, requests.size(), () -> "requests to " + url + ": " + web.requests());
        return requests.get(0).parameters();
    }

    static String menu(String attributes, String after) {
        return "<Response><GetDigits action=\"" + ACTION + "\" " + attributes + "><Speak>Press a key.</Speak>"
                + "</GetDigits>" + after + "</Response>";
    }

    @Test
    void theAnswerUrlGetsPlivosCallParametersOnlyOnceTheCallIsAnswered() {
        web.xml(ANSWER_URL, "<Response><Speak>Hello</Speak></Response>");
        CallView ringing = ((CallSimulator.Placed) simulator.place(ScriptedWebhooks.request("+14155550123"))).call();
        assertEquals(State.RINGING, ringing.state());
        assertEquals(Awaiting.ANSWER, ringing.awaiting());
        assertTrue(web.requests().isEmpty());

        simulator.answer(ringing.id());
        Request answer = web.requestsTo(ANSWER_URL).get(0);
        assertEquals("POST", answer.method());
        Map<String, String> p = answer.parameters();
        assertEquals("+14155550123", p.get("To"));
        assertEquals("+14155550100", p.get("From"));
        assertEquals("outbound", p.get("Direction"));
        assertEquals("in-progress", p.get("CallStatus"));
        assertEquals(ringing.callUuid(), p.get("CallUUID"));
        assertEquals(ringing.requestUuid(), p.get("ALegRequestUUID"));
        assertEquals(36, p.get("CallUUID").length());
    }

    @Test
    void theEndOfTheDocumentHangsUpAndTheHangupUrlIsToldExactlyOnce() {
        String id = answered("<Response><Speak language=\"es-MX\" voice=\"Polly.Mia\">Hola</Speak></Response>");
        clock.advance(Duration.ofSeconds(3));
        CallView call = view(id);
        assertEquals(State.ENDED, call.state());
        assertEquals("The document ended (no more instructions).", call.endReason());
        TranscriptEvent hola = events(call, Kind.SPEAK).get(0);
        assertEquals("Hola", hola.text());
        assertEquals("es-MX", hola.language());
        assertEquals("Polly.Mia", hola.voice());

        simulator.hangUp(id);
        simulator.press(id, '1');
        Map<String, String> hangup = onlyRequestTo(HANGUP_URL);
        assertEquals("NORMAL_CLEARING", hangup.get("HangupCause"));
        assertEquals("Answer XML", hangup.get("HangupSource"));
        assertEquals("completed", hangup.get("CallStatus"));
        assertEquals(call.callUuid(), hangup.get("CallUUID"));
        assertEquals("0", hangup.get("Duration"));
        assertEquals("2026-11-25 12:00:00", hangup.get("StartTime"));
    }

    @Test
    void speakDefaultsAreAmericanEnglishWithAWomansVoice() {
        CallView call = view(answered("<Response><Speak>Hi</Speak></Response>"));
        TranscriptEvent hi = events(call, Kind.SPEAK).get(0);
        assertEquals("en-US", hi.language());
        assertEquals("WOMAN", hi.voice());
    }

    @Test
    void retriesCountsTriesInAllThenTheCallGoesOnWithoutCallingTheAction() {
        // Plivo: "retries: integer >= 1"; its engine passes it to FreeSWITCH play_and_get_digits as max_tries.
        String id = answered(menu("retries=\"3\"", "<Speak>Goodbye.</Speak><Hangup/>"));
        simulator.silence(id);
        simulator.silence(id);
        assertEquals(Awaiting.KEYS, view(id).awaiting());
        simulator.silence(id);
        CallView call = view(id);
        assertEquals(List.of("Press a key.", "Press a key.", "Press a key.", "Goodbye."), heard(call));
        assertEquals(State.ENDED, call.state());
        assertTrue(web.requestsTo(ACTION).isEmpty());
        assertEquals(3, events(call, Kind.SILENCE).size());
    }

    @Test
    void withoutRetriesThePromptPlaysOnce() {
        String id = answered(menu("", "<Speak>Goodbye.</Speak>"));
        simulator.silence(id);
        assertEquals(List.of("Press a key.", "Goodbye."), heard(view(id)));
    }

    @Test
    void retriesTwoPlaysThePromptOnceMore() {
        String id = answered(menu("retries=\"2\"", "<Speak>Goodbye.</Speak>"));
        simulator.silence(id);
        assertEquals(Awaiting.KEYS, view(id).awaiting());
        simulator.silence(id);
        assertEquals(List.of("Press a key.", "Press a key.", "Goodbye."), heard(view(id)));
    }

    @Test
    void digitsAreSentAsSoonAsNumDigitsKeysWerePressed() {
        web.xml(ACTION, "<Response><Speak>Thanks</Speak></Response>");
        String id = answered(menu("numDigits=\"3\"", ""));
        simulator.press(id, '1');
        simulator.press(id, '2');
        assertEquals("12", view(id).keysSoFar());
        assertTrue(web.requestsTo(ACTION).isEmpty());
        simulator.press(id, '3');
        assertEquals("123", onlyRequestTo(ACTION).get("Digits"));
        assertEquals(List.of("Press a key.", "Thanks"), heard(view(id)));
    }

    @Test
    void theFinishKeySendsWhatWasTypedWithoutItself() {
        web.xml(ACTION, "<Response/>");
        String id = answered(menu("", ""));
        simulator.press(id, '4');
        simulator.press(id, '2');
        simulator.press(id, '#');
        Map<String, String> sent = onlyRequestTo(ACTION);
        assertEquals("42", sent.get("Digits"));
        assertEquals("in-progress", sent.get("CallStatus"));
    }

    @Test
    void stayingSilentAfterTypingSendsTheKeysSoFar() {
        web.xml(ACTION, "<Response/>");
        String id = answered(menu("finishOnKey=\"*\"", ""));
        simulator.press(id, '7');
        simulator.silence(id);
        assertEquals("7", onlyRequestTo(ACTION).get("Digits"));
    }

    @Test
    void withoutAFinishKeyTheHashIsAnOrdinaryDigit() {
        web.xml(ACTION, "<Response/>");
        String id = answered(menu("finishOnKey=\"none\" numDigits=\"2\"", ""));
        simulator.press(id, '#');
        simulator.press(id, '1');
        assertEquals("#1", onlyRequestTo(ACTION).get("Digits"));
    }

    @Test
    void aKeyOutsideValidDigitsNeverReachesTheApplicationAndCostsATry() {
        web.xml(ACTION, "<Response/>");
        String id = answered(menu("numDigits=\"1\" retries=\"2\" validDigits=\"12\""
                + " invalidDigitsSound=\"https://s.example.com/bad.mp3\"",
                "<Speak>Goodbye.</Speak>"));
        simulator.press(id, '7');
        CallView call = view(id);
        assertTrue(web.requestsTo(ACTION).isEmpty());
        assertEquals(List.of("Press a key.", "Press a key."), heard(call));
        assertEquals("https://s.example.com/bad.mp3", events(call, Kind.PLAY).get(0).url());
        simulator.press(id, '9');
        assertEquals(List.of("Press a key.", "Press a key.", "Goodbye."), heard(view(id)));
        assertTrue(web.requestsTo(ACTION).isEmpty());
    }

    @Test
    void aValidKeyAfterAnInvalidOneIsSent() {
        web.xml(ACTION, "<Response/>");
        String id = answered(menu("numDigits=\"1\" retries=\"2\" validDigits=\"12\"", ""));
        simulator.press(id, '5');
        simulator.press(id, '2');
        assertEquals("2", onlyRequestTo(ACTION).get("Digits"));
    }

    @Test
    void withRedirectFalseTheActionIsCalledAndTheDocumentGoesOn() {
        web.xml(ACTION, "<Response><Speak>Never heard</Speak></Response>");
        String id = answered(menu("numDigits=\"1\" redirect=\"false\"", "<Speak>Still here.</Speak>"));
        simulator.press(id, '1');
        assertEquals("1", onlyRequestTo(ACTION).get("Digits"));
        assertEquals(List.of("Press a key.", "Still here."), heard(view(id)));
    }

    @Test
    void redirectChainsAreFollowedWithEachRedirectsMethod() {
        web.xml(NEXT, "<Response><Redirect>" + ACTION + "</Redirect></Response>");
        web.xml(ACTION, "<Response><Speak>Arrived</Speak></Response>");
        String id = answered("<Response><Redirect method=\"GET\">" + NEXT + "</Redirect><Speak>Skipped</Speak>"
                + "</Response>");
        assertEquals(List.of("Arrived"), heard(view(id)));
        assertEquals("GET", web.requestsTo(NEXT).get(0).method());
        assertEquals("POST", web.requestsTo(ACTION).get(0).method());
        assertEquals("+14155550123", web.requestsTo(ACTION).get(0).parameters().get("To"));
    }

    @Test
    void aRedirectLoopEndsTheCallAfterTenRedirects() {
        String id = answered("<Response><Redirect>" + ANSWER_URL + "</Redirect></Response>");
        CallView call = view(id);
        assertEquals(State.ENDED, call.state());
        assertEquals(1 + PlivoXmlInterpreter.MAX_REDIRECTS, web.requestsTo(ANSWER_URL).size());
        assertTrue(events(call, Kind.ERROR).get(0).text().contains("the document loops"), call.toString());
        assertEquals("Error", onlyRequestTo(HANGUP_URL).get("HangupSource"));
    }

    @Test
    void keysResetTheRedirectCount() {
        // Each menu step redirects 6 times: 12 in the whole call, but never more than 10 in a row.
        for (int i = 0; i < 6; i++) {
            String from = "https://ivr.example.com/ivr/r" + i;
            String to = i == 5 ? "https://ivr.example.com/ivr/menu" : "https://ivr.example.com/ivr/r" + (i + 1);
            web.xml(from, "<Response><Redirect>" + to + "</Redirect></Response>");
        }
        web.xml("https://ivr.example.com/ivr/menu", menu("numDigits=\"1\"", ""));
        web.xml(ACTION, "<Response><Redirect>https://ivr.example.com/ivr/r0</Redirect></Response>");
        String id = answered("<Response><Redirect>https://ivr.example.com/ivr/r0</Redirect></Response>");
        simulator.press(id, '1');
        CallView call = view(id);
        assertEquals(State.IN_PROGRESS, call.state(), call.toString());
        assertEquals(Awaiting.KEYS, call.awaiting());
    }

    @Test
    void aBusyAssociateIsReportedToTheDialAction() {
        web.xml(ACTION, "<Response><Speak>Nobody is free.</Speak></Response>");
        String id = answered("<Response><Speak>Connecting.</Speak><Dial action=\"" + ACTION + "\" timeout=\"30\""
                + " callerId=\"+14155550100\"><Number>+14155550199</Number></Dial><Speak>Skipped</Speak></Response>");
        CallView ringing = view(id);
        assertEquals(Awaiting.DIAL_OUTCOME, ringing.awaiting());
        assertEquals(List.of("+14155550199"), ringing.dialNumbers());
        assertTrue(events(ringing, Kind.DIAL).get(0).text().startsWith("Ringing the associate: +14155550199"));
        simulator.silence(id);
        simulator.press(id, '1');
        assertTrue(web.requestsTo(ACTION).isEmpty());

        simulator.dialEnded(id, DialChoice.BUSY);
        Map<String, String> sent = onlyRequestTo(ACTION);
        assertEquals("busy", sent.get("DialStatus"));
        assertEquals("USER_BUSY", sent.get("DialHangupCause"));
        assertEquals(ringing.callUuid(), sent.get("DialALegUUID"));
        assertEquals("", sent.get("DialBLegUUID"));
        assertEquals(List.of("Connecting.", "Nobody is free."), heard(view(id)));
    }

    @Test
    void eachDialOutcomeHasPlivosDialStatus() {
        for (DialChoice choice : DialChoice.values()) {
            ScriptedWebhooks fresh = new ScriptedWebhooks();
            fresh.xml(ANSWER_URL, "<Response><Dial action=\"" + ACTION + "\"><Number>+14155550199</Number></Dial>"
                    + "</Response>");
            fresh.xml(ACTION, "<Response><Hangup/></Response>");
            CallSimulator calls = new CallSimulator(new PlivoXmlInterpreter(fresh, clock),
                    clock, 10, Duration.ofMinutes(10), 60);
            String id = ((CallSimulator.Placed) calls.place(ScriptedWebhooks.request("+14155550123"))).call().id();
            calls.answer(id);
            calls.dialEnded(id, choice);
            Map<String, String> sent = fresh.requestsTo(ACTION).get(0).parameters();
            assertEquals(Map.of(DialChoice.ANSWERED, "completed", DialChoice.BUSY, "busy", DialChoice.NO_ANSWER,
                    "no-answer").get(choice), sent.get("DialStatus"));
            assertEquals(choice == DialChoice.ANSWERED, !sent.get("DialBLegUUID").isEmpty());
            assertEquals(State.ENDED, calls.find(id).orElseThrow().state());
        }
    }

    @Test
    void aDialWithoutActionGoesOnWithTheNextElement() {
        String id = answered("<Response><Dial><Number>+14155550199</Number></Dial><Speak>After</Speak></Response>");
        simulator.dialEnded(id, DialChoice.NO_ANSWER);
        assertEquals(List.of("After"), heard(view(id)));
        assertEquals(1, web.requestsTo(ANSWER_URL).size());
    }

    @Test
    void hangupEndsTheCallAndNothingAfterItRuns() {
        CallView call = view(answered("<Response><Play>https://s.example.com/a.mp3</Play><Wait length=\"3\"/>"
                + "<Hangup reason=\"busy\"/><Speak>Never</Speak></Response>"));
        assertEquals(State.ENDED, call.state());
        assertTrue(heard(call).isEmpty());
        assertEquals("https://s.example.com/a.mp3", events(call, Kind.PLAY).get(0).url());
        assertEquals("Silence for 3 s.", events(call, Kind.WAIT).get(0).text());
        assertEquals("USER_BUSY", onlyRequestTo(HANGUP_URL).get("HangupCause"));
    }

    @Test
    void htmlFromAMisconfiguredUrlEndsTheCallWithAClearError() {
        web.xml(ANSWER_URL, "<!DOCTYPE html><html><body>Welcome to nginx!</body></html>");
        String id = ((CallSimulator.Placed) simulator.place(ScriptedWebhooks.request("+14155550123"))).call().id();
        CallView call = simulator.answer(id).orElseThrow();
        assertEquals(State.ENDED, call.state());
        String error = events(call, Kind.ERROR).get(0).text();
        assertTrue(error.startsWith("The answer URL " + ANSWER_URL + " did not return valid Plivo XML"), error);
        assertTrue(error.contains("Welcome to nginx"), error);
        assertTrue(call.endReason().startsWith("Ended by an error"), call.endReason());
        assertEquals(PlivoXmlInterpreter.ERROR_CAUSE, onlyRequestTo(HANGUP_URL).get("HangupCause"));
    }

    @Test
    void brokenXmlAndUnknownElementsEndTheCall() {
        for (String document : List.of("<Response><Speak>unclosed</Response>", "<Response><Dance/></Response>",
                "<Response><Record/></Response>", "<Speak>no response</Speak>", "")) {
            ScriptedWebhooks fresh = new ScriptedWebhooks().xml(ANSWER_URL, document);
            CallSimulator calls = new CallSimulator(new PlivoXmlInterpreter(fresh, clock),
                    clock, 10, Duration.ofMinutes(10), 60);
            String id = ((CallSimulator.Placed) calls.place(ScriptedWebhooks.request("+14155550123"))).call().id();
            CallView call = calls.answer(id).orElseThrow();
            assertEquals(State.ENDED, call.state(), document);
            assertEquals(1, events(call, Kind.ERROR).size(), document);
            assertEquals(1, fresh.requestsTo(HANGUP_URL).size(), document);
        }
    }

    @Test
    void anErrorStatusOrAnUnreachableUrlEndsTheCall() {
        web.status(ACTION, 500, "boom");
        String id = answered(menu("numDigits=\"1\"", ""));
        simulator.press(id, '1');
        CallView call = view(id);
        assertTrue(events(call, Kind.ERROR).get(0).text().contains("answered HTTP 500"), call.toString());

        web.unreachable(ANSWER_URL, "Could not connect to " + ANSWER_URL + " (connection refused)");
        String unreachable = ((CallSimulator.Placed) simulator.place(ScriptedWebhooks.request("+14155550123"))).call().id();
        CallView failed = simulator.answer(unreachable).orElseThrow();
        assertTrue(events(failed, Kind.ERROR).get(0).text().contains("could not be fetched: Could not connect"));
    }

    @Test
    void aDeclinedCallNeverFetchesTheAnswerUrl() {
        String id = ((CallSimulator.Placed) simulator.place(ScriptedWebhooks.request("+14155550123"))).call().id();
        CallView call = simulator.decline(id).orElseThrow();
        assertEquals(State.ENDED, call.state());
        assertTrue(web.requestsTo(ANSWER_URL).isEmpty());
        Map<String, String> hangup = onlyRequestTo(HANGUP_URL);
        assertEquals("CALL_REJECTED", hangup.get("HangupCause"));
        assertEquals("", hangup.get("AnswerTime"));
        assertEquals("0", hangup.get("BillDuration"));
    }

    @Test
    void hangingUpReportsTheDurationOfTheCall() {
        String id = answered(menu("", ""));
        clock.advance(Duration.ofSeconds(75));
        simulator.hangUp(id);
        Map<String, String> hangup = onlyRequestTo(HANGUP_URL);
        assertEquals("75", hangup.get("Duration"));
        assertEquals("120", hangup.get("BillDuration"));
        assertEquals("Callee", hangup.get("HangupSource"));
        assertEquals("You hung up.", view(id).endReason());
    }

    @Test
    void keysOutsideAMenuAreIgnored() {
        String id = answered("<Response><Dial><Number>+14155550199</Number></Dial></Response>");
        simulator.press(id, '5');
        CallView call = view(id);
        assertEquals(Awaiting.DIAL_OUTCOME, call.awaiting());
        assertEquals(1, web.requests().size());
        assertEquals("You pressed 5.", events(call, Kind.KEY).get(0).text());
    }

    @Test
    void onlyPhoneKeysArePressed() {
        String id = answered(menu("", ""));
        assertThrows(IllegalArgumentException.class, () -> simulator.press(id, 'a'));
        assertEquals("", view(id).keysSoFar());
    }

    @Test
    void anEndlessLoopWaitsForTheHangUp() {
        String id = answered("<Response><Play loop=\"0\">https://s.example.com/hold.mp3</Play><Speak>x</Speak>"
                + "</Response>");
        CallView call = view(id);
        assertEquals(Awaiting.HANG_UP, call.awaiting());
        assertEquals(0, events(call, Kind.PLAY).get(0).repeat());
        assertTrue(heard(call).isEmpty());
        simulator.hangUp(id);
        assertEquals(State.ENDED, view(id).state());
    }

    @Test
    void aCallThatNeverStopsTalkingHitsTheTranscriptLimit() {
        String id = answered("<Response>" + "<Speak>again</Speak>".repeat(200) + "</Response>");
        CallView call = view(id);
        assertEquals(State.ENDED, call.state());
        assertTrue(call.events().size() < 100, "events: " + call.events().size());
        assertTrue(call.endReason().contains("limit of 60 transcript events"), call.endReason());
    }

    @Test
    void aRingingCallIsNotRunYet() {
        CallView call = ((CallSimulator.Placed) simulator.place(ScriptedWebhooks.request("+14155550123"))).call();
        simulator.press(call.id(), '1');
        simulator.silence(call.id());
        CallView still = view(call.id());
        assertEquals(State.RINGING, still.state());
        assertNull(still.endReason());
        assertFalse(still.events().isEmpty());
        assertTrue(web.requests().isEmpty());
    }
}
