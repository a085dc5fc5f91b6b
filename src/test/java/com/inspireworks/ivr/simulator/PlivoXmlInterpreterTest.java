package com.inspireworks.ivr.simulator;

import static com.inspireworks.ivr.simulator.ScriptedWebhooks.ANSWER_URL;
import static com.inspireworks.ivr.simulator.ScriptedWebhooks.HANGUP_URL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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

/**
 * The interpreter driven with hand-written Plivo documents on a manual clock, no server: every element, Plivo's
 * parameters and the edge cases. What takes time is in {@link CallTimingTest}; Dial outcomes in {@link DialTest}.
 */
class PlivoXmlInterpreterTest {

    static final String ACTION = "https://ivr.example.com/ivr/action";
    static final String NEXT = "https://ivr.example.com/ivr/next";

    final ScriptedWebhooks web = new ScriptedWebhooks();
    final TestPhone phone = new TestPhone(web);

    /** Places a call, answers it with {@code document} at the answer URL. */
    String answered(String document) {
        web.xml(ANSWER_URL, document);
        String id = phone.place("+14155550123");
        phone.answer(id);
        return id;
    }

    CallView view(String id) {
        return phone.view(id);
    }

    List<String> heard(String id) {
        return phone.heard(id);
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
        String id = phone.place("+14155550123");
        CallView ringing = view(id);
        assertEquals(State.RINGING, ringing.state());
        assertEquals(Awaiting.ANSWER, ringing.awaiting());
        assertTrue(web.requests().isEmpty());

        phone.answer(id);
        Request answer = web.requestsTo(ANSWER_URL).get(0);
        assertEquals("POST", answer.method());
        Map<String, String> p = answer.parameters();
        assertEquals("+14155550123", p.get("To"));
        assertEquals("+14155550100", p.get("From"));
        assertEquals("outbound", p.get("Direction"));
        assertEquals("in-progress", p.get("CallStatus"));
        assertEquals("StartApp", p.get("Event"));
        assertEquals(ringing.callUuid(), p.get("CallUUID"));
        assertEquals(ringing.requestUuid(), p.get("ALegRequestUUID"));
        assertEquals(36, p.get("CallUUID").length());
    }

    @Test
    void theEndOfTheDocumentHangsUpAndTheHangupUrlIsToldExactlyOnce() {
        String id = answered("<Response><Speak language=\"es-MX\" voice=\"Polly.Mia\">Hola</Speak></Response>");
        assertEquals(State.IN_PROGRESS, view(id).state(), "Hola is still being said");
        phone.advance(Timing.speech("Hola"));
        CallView call = view(id);
        assertEquals(State.ENDED, call.state());
        assertEquals("The document ended (no more instructions).", call.endReason());
        TranscriptEvent hola = phone.events(id, Kind.SPEAK).get(0);
        assertEquals("Hola", hola.text());
        assertEquals("es-MX", hola.language());
        assertEquals("Polly.Mia", hola.voice());

        assertInstanceOf(CallSimulator.Over.class, phone.hangUp(id));
        assertInstanceOf(CallSimulator.Over.class, phone.press(id, '1'));
        Map<String, String> hangup = onlyRequestTo(HANGUP_URL);
        assertEquals("Hangup", hangup.get("Event"));
        assertEquals("NORMAL_CLEARING", hangup.get("HangupCause"));
        assertEquals("Answer XML", hangup.get("HangupSource"));
        assertEquals("completed", hangup.get("CallStatus"));
        assertEquals(call.callUuid(), hangup.get("CallUUID"));
        assertEquals("0", hangup.get("Duration"), "Hola takes less than a second");
        assertEquals("2026-11-25 12:00:00", hangup.get("StartTime"));
    }

    @Test
    void speakDefaultsAreAmericanEnglishWithAWomansVoice() {
        String id = answered("<Response><Speak>Hi</Speak></Response>");
        TranscriptEvent hi = phone.events(id, Kind.SPEAK).get(0);
        assertEquals("en-US", hi.language());
        assertEquals("WOMAN", hi.voice());
    }

    @Test
    void retriesCountsTriesInAllThenTheCallGoesOnWithoutCallingTheAction() {
        // Plivo: "retries: integer >= 1"; its engine passes it to FreeSWITCH play_and_get_digits as max_tries.
        String id = answered(menu("retries=\"3\"", "<Speak>Goodbye.</Speak><Hangup/>"));
        phone.silence(id);
        phone.silence(id);
        assertEquals(Awaiting.KEYS, view(id).awaiting());
        phone.silence(id);
        phone.fastForward(id);
        CallView call = view(id);
        assertEquals(List.of("Press a key.", "Press a key.", "Press a key.", "Goodbye."), heard(id));
        assertEquals(State.ENDED, call.state());
        assertTrue(web.requestsTo(ACTION).isEmpty());
        assertEquals(3, phone.events(id, Kind.SILENCE).size());
    }

    @Test
    void withoutRetriesThePromptPlaysOnce() {
        String id = answered(menu("", "<Speak>Goodbye.</Speak>"));
        phone.silence(id);
        assertEquals(List.of("Press a key.", "Goodbye."), heard(id));
    }

    @Test
    void retriesTwoPlaysThePromptOnceMore() {
        String id = answered(menu("retries=\"2\"", "<Speak>Goodbye.</Speak>"));
        phone.silence(id);
        assertEquals(Awaiting.KEYS, view(id).awaiting());
        phone.silence(id);
        assertEquals(List.of("Press a key.", "Press a key.", "Goodbye."), heard(id));
    }

    @Test
    void digitsAreSentAsSoonAsNumDigitsKeysWerePressed() {
        web.xml(ACTION, "<Response><Speak>Thanks</Speak></Response>");
        String id = answered(menu("numDigits=\"3\"", ""));
        phone.type(id, "12");
        assertEquals("12", view(id).keysSoFar());
        assertTrue(web.requestsTo(ACTION).isEmpty());
        phone.press(id, '3');
        assertEquals("123", onlyRequestTo(ACTION).get("Digits"));
        assertEquals(List.of("Press a key.", "Thanks"), heard(id));
    }

    @Test
    void theDefaultFinishKeySendsWhatWasTypedWithoutItself() {
        web.xml(ACTION, "<Response/>");
        String id = answered(menu("", ""));
        phone.type(id, "42#");
        Map<String, String> sent = onlyRequestTo(ACTION);
        assertEquals("42", sent.get("Digits"));
        assertEquals("in-progress", sent.get("CallStatus"));
        assertFalse(sent.containsKey("Event"), "GetDigits actions carry no Event");
    }

    @Test
    void theFinishKeyAloneIsNoInputAndCostsATry() {
        web.xml(ACTION, "<Response/>");
        String id = answered(menu("retries=\"2\"", "<Speak>Goodbye.</Speak>"));
        phone.press(id, '#');
        assertTrue(web.requestsTo(ACTION).isEmpty(), "nothing typed: nothing is sent");
        assertEquals(List.of("Press a key.", "Press a key."), heard(id), "the prompt plays again");
        assertEquals(Awaiting.KEYS, view(id).awaiting());
        phone.press(id, '#');
        assertEquals(List.of("Press a key.", "Press a key.", "Goodbye."), heard(id), "the last try is used up");
        assertTrue(web.requestsTo(ACTION).isEmpty());
    }

    @Test
    void anotherFinishKeyEndsTheInputAndTheHashBecomesADigit() {
        web.xml(ACTION, "<Response/>");
        String id = answered(menu("finishOnKey=\"*\"", ""));
        phone.type(id, "#7*");
        assertEquals("#7", onlyRequestTo(ACTION).get("Digits"));
    }

    @Test
    void withoutAFinishKeyTheHashIsAnOrdinaryDigit() {
        for (String off : List.of("none", "")) {
            ScriptedWebhooks fresh = new ScriptedWebhooks().xml(ACTION, "<Response/>")
                    .xml(ANSWER_URL, menu("finishOnKey=\"" + off + "\" numDigits=\"2\"", ""));
            TestPhone other = new TestPhone(fresh);
            String id = other.place("+14155550123");
            other.answer(id);
            other.type(id, "#1");
            assertEquals("#1", fresh.requestsTo(ACTION).get(0).parameters().get("Digits"), "finishOnKey=" + off);
        }
    }

    @Test
    void stayingSilentAfterTypingSendsTheKeysSoFar() {
        web.xml(ACTION, "<Response/>");
        String id = answered(menu("finishOnKey=\"*\"", ""));
        phone.press(id, '7');
        phone.silence(id);
        assertEquals("7", onlyRequestTo(ACTION).get("Digits"));
    }

    @Test
    void aKeyOutsideValidDigitsNeverReachesTheApplicationAndCostsATry() {
        web.xml(ACTION, "<Response/>");
        String id = answered(menu("numDigits=\"1\" retries=\"2\" validDigits=\"12\""
                + " invalidDigitsSound=\"https://s.example.com/bad.mp3\"",
                "<Speak>Goodbye.</Speak>"));
        phone.press(id, '7');
        assertTrue(web.requestsTo(ACTION).isEmpty());
        assertEquals("https://s.example.com/bad.mp3", phone.events(id, Kind.PLAY).get(0).url());
        phone.fastForward(id);   // the invalid-digits sound, then the prompt again
        assertEquals(List.of("Press a key.", "Press a key."), heard(id));
        phone.press(id, '9');
        phone.fastForward(id);
        assertEquals(List.of("Press a key.", "Press a key.", "Goodbye."), heard(id));
        assertTrue(web.requestsTo(ACTION).isEmpty());
    }

    @Test
    void aValidKeyAfterAnInvalidOneIsSent() {
        web.xml(ACTION, "<Response/>");
        String id = answered(menu("numDigits=\"1\" retries=\"2\" validDigits=\"12\"", ""));
        phone.press(id, '5');
        phone.press(id, '2');
        assertEquals("2", onlyRequestTo(ACTION).get("Digits"));
    }

    @Test
    void withRedirectFalseTheActionIsCalledAndTheDocumentGoesOn() {
        web.xml(ACTION, "<Response><Speak>Never heard</Speak></Response>");
        String id = answered(menu("numDigits=\"1\" redirect=\"false\"", "<Speak>Still here.</Speak>"));
        phone.press(id, '1');
        assertEquals("1", onlyRequestTo(ACTION).get("Digits"));
        assertEquals(List.of("Press a key.", "Still here."), heard(id));
    }

    @Test
    void redirectChainsAreFollowedWithEachRedirectsMethodAndPlivosRedirectEvent() {
        web.xml(NEXT, "<Response><Redirect>" + ACTION + "</Redirect></Response>");
        web.xml(ACTION, "<Response><Speak>Arrived</Speak></Response>");
        String id = answered("<Response><Redirect method=\"GET\">" + NEXT + "</Redirect><Speak>Skipped</Speak>"
                + "</Response>");
        assertEquals(List.of("Arrived"), heard(id));
        assertEquals("GET", web.requestsTo(NEXT).get(0).method());
        Request redirected = web.requestsTo(ACTION).get(0);
        assertEquals("POST", redirected.method());
        assertEquals("+14155550123", redirected.parameters().get("To"));
        assertEquals("Redirect", redirected.parameters().get("Event"));
        assertEquals("Redirect", web.requestsTo(NEXT).get(0).parameters().get("Event"));
    }

    @Test
    void aRedirectLoopEndsTheCallAfterTenRedirects() {
        String id = answered("<Response><Redirect>" + ANSWER_URL + "</Redirect></Response>");
        CallView call = view(id);
        assertEquals(State.ENDED, call.state());
        assertEquals(1 + PlivoXmlInterpreter.MAX_REDIRECTS, web.requestsTo(ANSWER_URL).size());
        assertTrue(phone.events(id, Kind.ERROR).get(0).text().contains("the document loops"), call.toString());
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
        phone.press(id, '1');
        CallView call = view(id);
        assertEquals(State.IN_PROGRESS, call.state(), call.toString());
        assertEquals(Awaiting.KEYS, call.awaiting());
    }

    @Test
    void hangupEndsTheCallAndNothingAfterItRuns() {
        String id = answered("<Response><Play>https://s.example.com/a.mp3</Play><Wait length=\"3\"/>"
                + "<Hangup reason=\"busy\"/><Speak>Never</Speak></Response>");
        phone.fastForward(id);
        phone.fastForward(id);
        CallView call = view(id);
        assertEquals(State.ENDED, call.state());
        assertTrue(heard(id).isEmpty());
        assertEquals("https://s.example.com/a.mp3", phone.events(id, Kind.PLAY).get(0).url());
        assertEquals("Silence for 3 s.", phone.events(id, Kind.WAIT).get(0).text());
        assertEquals("USER_BUSY", onlyRequestTo(HANGUP_URL).get("HangupCause"));
    }

    @Test
    void htmlFromAMisconfiguredUrlEndsTheCallWithAClearError() {
        web.xml(ANSWER_URL, "<!DOCTYPE html><html><body>Welcome to nginx!</body></html>");
        String id = phone.place("+14155550123");
        phone.answer(id);
        CallView call = view(id);
        assertEquals(State.ENDED, call.state());
        String error = phone.events(id, Kind.ERROR).get(0).text();
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
            TestPhone other = new TestPhone(fresh);
            String id = other.place("+14155550123");
            other.answer(id);
            assertEquals(State.ENDED, other.view(id).state(), document);
            assertEquals(1, other.events(id, Kind.ERROR).size(), document);
            assertEquals(1, fresh.requestsTo(HANGUP_URL).size(), document);
        }
    }

    @Test
    void anErrorStatusOrAnUnreachableUrlEndsTheCall() {
        web.status(ACTION, 500, "boom");
        String id = answered(menu("numDigits=\"1\"", ""));
        phone.press(id, '1');
        assertTrue(phone.events(id, Kind.ERROR).get(0).text().contains("answered HTTP 500"), view(id).toString());

        web.unreachable(ANSWER_URL, "Could not connect to " + ANSWER_URL + " (connection refused)");
        String unreachable = phone.place("+14155550123");
        phone.answer(unreachable);
        assertTrue(phone.events(unreachable, Kind.ERROR).get(0).text()
                .contains("could not be fetched: Could not connect"));
    }

    @Test
    void aDeclinedCallNeverFetchesTheAnswerUrl() {
        String id = phone.place("+14155550123");
        phone.decline(id);
        assertEquals(State.ENDED, view(id).state());
        assertTrue(web.requestsTo(ANSWER_URL).isEmpty());
        Map<String, String> hangup = onlyRequestTo(HANGUP_URL);
        assertEquals("CALL_REJECTED", hangup.get("HangupCause"));
        assertEquals("busy", hangup.get("CallStatus"));
        assertEquals("", hangup.get("AnswerTime"));
        assertEquals("0", hangup.get("BillDuration"));
    }

    @Test
    void hangingUpReportsTheDurationOfTheCall() {
        String id = answered(menu("timeout=\"600\"", ""));
        phone.advance(Duration.ofSeconds(75));
        phone.hangUp(id);
        Map<String, String> hangup = onlyRequestTo(HANGUP_URL);
        assertEquals("75", hangup.get("Duration"));
        assertEquals("120", hangup.get("BillDuration"));
        assertEquals("Callee", hangup.get("HangupSource"));
        assertEquals("You hung up.", view(id).endReason());
    }

    @Test
    void keysOutsideAMenuAreIgnored() {
        String id = answered("<Response><Dial><Number>+14155550199</Number></Dial></Response>");
        phone.press(id, '5');
        CallView call = view(id);
        assertEquals(Awaiting.DIAL_OUTCOME, call.awaiting());
        assertEquals(1, web.requests().size());
        assertEquals("You pressed 5.", phone.events(id, Kind.KEY).get(0).text());
    }

    @Test
    void onlyPhoneKeysArePressed() {
        String id = answered(menu("", ""));
        assertThrows(IllegalArgumentException.class, () -> phone.press(id, 'a'));
        assertEquals("", view(id).keysSoFar());
    }

    @Test
    void anEndlessLoopWaitsForTheHangUp() {
        String id = answered("<Response><Play loop=\"0\">https://s.example.com/hold.mp3</Play><Speak>x</Speak>"
                + "</Response>");
        CallView call = view(id);
        assertEquals(Awaiting.HANG_UP, call.awaiting());
        assertEquals(0, phone.events(id, Kind.PLAY).get(0).repeat());
        assertNull(phone.events(id, Kind.PLAY).get(0).duration());
        phone.advance(Duration.ofMinutes(9));
        assertEquals(State.IN_PROGRESS, view(id).state());
        assertEquals(Awaiting.HANG_UP, view(id).awaiting());
        assertTrue(heard(id).isEmpty());
        phone.hangUp(id);
        assertEquals(State.ENDED, view(id).state());
    }

    @Test
    void aCallThatNeverStopsTalkingHitsTheTranscriptLimit() {
        String id = answered("<Response>" + "<Speak>again</Speak>".repeat(200) + "</Response>");
        phone.advance(Duration.ofMinutes(5));
        CallView call = view(id);
        assertEquals(State.ENDED, call.state());
        assertTrue(call.events().size() < 100, "events: " + call.events().size());
        assertTrue(call.endReason().contains("limit of 60 transcript events"), call.endReason());
    }

    @Test
    void aRingingCallIsNotRunYet() {
        String id = phone.place("+14155550123");
        phone.press(id, '1');
        phone.silence(id);
        CallView still = view(id);
        assertEquals(State.RINGING, still.state());
        assertNull(still.endReason());
        assertFalse(still.events().isEmpty());
        assertTrue(web.requests().isEmpty());
    }
}
