package com.inspireworks.ivr.simulator;

import static com.inspireworks.ivr.simulator.ScriptedWebhooks.ANSWER_URL;
import static com.inspireworks.ivr.simulator.ScriptedWebhooks.HANGUP_URL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.calls.CallRequest;
import com.inspireworks.ivr.simulator.SimulatedCall.Awaiting;
import com.inspireworks.ivr.simulator.SimulatedCall.State;
import com.inspireworks.ivr.simulator.TranscriptEvent.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A simulated call takes the time a real one would, on a manual clock: speech, audio, silences, the GetDigits
 * timeouts, the ringing, the call's time limit; fast-forward skips a wait and the call's clock keeps the skipped time.
 */
class CallTimingTest {

    static final String ACTION = "https://ivr.example.com/ivr/action";
    static final String AUDIO = "https://media.example.com/message.mp3";

    final ScriptedWebhooks web = new ScriptedWebhooks();
    final TestPhone phone = new TestPhone(web, new CallSimulator.Limits(10, Duration.ofHours(3), 500, 8, 20));

    String answered(String document) {
        web.xml(ANSWER_URL, document);
        String id = phone.place("+14155550123");
        phone.answer(id);
        return id;
    }

    Map<String, String> hangup() {
        assertEquals(1, web.requestsTo(HANGUP_URL).size(), () -> "hangup reports: " + web.requests());
        return web.requestsTo(HANGUP_URL).get(0).parameters();
    }

    @Test
    void speechTakesAsLongAsSayingItAtAPlausibleRate() {
        assertEquals(Duration.ofMillis(4 * 375 + 300), Timing.speech("For English, press 1."));
        assertEquals(Duration.ofMillis(14 * 375 + 300), Timing.speech(
                "To hear a recorded message, press 1. To talk to an associate, press 2."));
        assertEquals(Duration.ofMillis(375 + 300), Timing.speech("..."), "at least one word");

        String id = answered("<Response><Speak>For English, press 1.</Speak><Speak loop=\"2\">Again.</Speak>"
                + "<Speak>Bye.</Speak></Response>");
        Instant start = phone.view(id).events().get(0).at();
        phone.advance(Duration.ofMillis(1799));
        assertEquals(List.of("For English, press 1."), phone.heard(id), "still speaking the first line");
        phone.advance(Duration.ofMillis(1));
        assertEquals(List.of("For English, press 1.", "Again."), phone.heard(id));
        TranscriptEvent again = phone.events(id, Kind.SPEAK).get(1);
        assertEquals(Duration.ofMillis(2 * 675), again.duration(), "loop=2 says it twice");
        assertEquals(Duration.ofMillis(1800), Duration.between(start, again.at()));
        phone.advance(Duration.ofMillis(1350));
        assertEquals("Bye.", phone.heard(id).get(2));
    }

    @Test
    void getDigitsWaitsItsTimeoutAfterThePromptsNotFromTheirStart() {
        String id = answered("<Response><GetDigits action=\"" + ACTION + "\" timeout=\"7\" retries=\"2\">"
                + "<Speak>For English, press 1.</Speak></GetDigits><Speak>Goodbye.</Speak></Response>");
        CallView speaking = phone.view(id);
        assertEquals(Awaiting.KEYS, speaking.awaiting(), "keys count during the prompt");
        assertEquals(Duration.ofMillis(1800), speaking.remaining().orElseThrow());
        phone.advance(Duration.ofMillis(1800));
        CallView waiting = phone.view(id);
        assertEquals(Duration.ofSeconds(7), waiting.remaining().orElseThrow());
        assertTrue(waiting.countdown().orElseThrow().what().contains("7 s for a key (timeout); try 1 of 2"),
                waiting.countdown().toString());
        phone.advance(Duration.ofMillis(6999));
        assertEquals(1, phone.heard(id).size(), "the timeout has not passed yet");
        phone.advance(Duration.ofMillis(1));
        assertEquals(List.of("For English, press 1.", "For English, press 1."), phone.heard(id), "try 2");
        phone.advance(Duration.ofMillis(1800 + 7000));
        assertEquals("Goodbye.", phone.heard(id).get(2));
        assertTrue(web.requestsTo(ACTION).isEmpty());
    }

    @Test
    void afterAKeyDigitTimeoutSendsWhatWasTyped() {
        web.xml(ACTION, "<Response><Speak>Got it.</Speak></Response>");
        String id = answered("<Response><GetDigits action=\"" + ACTION + "\" digitTimeout=\"3\" numDigits=\"4\""
                + " finishOnKey=\"none\"><Speak>Enter your PIN.</Speak></GetDigits></Response>");
        phone.advance(Duration.ofSeconds(2));
        phone.type(id, "12");
        phone.advance(Duration.ofMillis(2999));
        assertTrue(web.requestsTo(ACTION).isEmpty());
        assertEquals("12", phone.view(id).keysSoFar());
        phone.advance(Duration.ofMillis(1));
        assertEquals("12", web.requestsTo(ACTION).get(0).parameters().get("Digits"));
    }

    @Test
    void aKeyDuringThePromptStopsTheRemainingPrompts() {
        web.xml(ACTION, "<Response/>");
        String id = answered("<Response><GetDigits action=\"" + ACTION + "\" numDigits=\"2\">"
                + "<Speak>First.</Speak><Speak>Second.</Speak><Speak>Third.</Speak></GetDigits></Response>");
        phone.advance(Duration.ofMillis(700));
        phone.press(id, '4');
        phone.advance(Duration.ofMillis(1500));
        assertEquals(List.of("First.", "Second."), phone.heard(id), "Third. is never said");
        assertEquals(Awaiting.KEYS, phone.view(id).awaiting());
    }

    @Test
    void waitIsSilenceForItsLength() {
        String id = answered("<Response><Wait length=\"4\"/><Speak>Now.</Speak></Response>");
        phone.advance(Duration.ofMillis(3999));
        assertTrue(phone.heard(id).isEmpty());
        phone.advance(Duration.ofMillis(1));
        assertEquals(List.of("Now."), phone.heard(id));
    }

    @Test
    void aPhoneNobodyAnswersStopsRingingAfterSixtySecondsAsNoAnswer() {
        String id = phone.place("+14155550123");
        phone.advance(Duration.ofSeconds(59));
        assertEquals(State.RINGING, phone.view(id).state());
        phone.advance(Duration.ofSeconds(1));
        assertEquals(State.ENDED, phone.view(id).state());
        Map<String, String> hangup = hangup();
        assertEquals("no-answer", hangup.get("CallStatus"));
        assertEquals("NO_ANSWER", hangup.get("HangupCause"));
        assertEquals("0", hangup.get("Duration"));
        assertEquals("", hangup.get("AnswerTime"));
        assertTrue(web.requestsTo(ANSWER_URL).isEmpty());
    }

    @Test
    void theCallEndsAtItsTimeLimit() {
        web.xml(ANSWER_URL, "<Response><Play loop=\"0\">" + AUDIO + "</Play></Response>");
        String id = phone.place(new CallRequest("3f0c0000-0000-4000-8000-000000000001", "+14155550100",
                "+14155550123", ANSWER_URL, HANGUP_URL, Duration.ofMinutes(2), TestPhone.OPERATOR));
        phone.answer(id);
        phone.advance(Duration.ofSeconds(119));
        assertEquals(State.IN_PROGRESS, phone.view(id).state());
        phone.advance(Duration.ofSeconds(1));
        CallView call = phone.view(id);
        assertEquals(State.ENDED, call.state());
        assertTrue(call.endReason().contains("time limit of 2 min"), call.endReason());
        Map<String, String> hangup = hangup();
        assertEquals("ALLOTTED_TIMEOUT", hangup.get("HangupCause"));
        assertEquals("Plivo", hangup.get("HangupSource"));
        assertEquals("120", hangup.get("Duration"));
    }

    @Test
    void aScheduledHangupEndsTheCallLaterWhileTheDocumentGoesOn() {
        String id = answered("<Response><Hangup schedule=\"5\"/><Speak>Still talking.</Speak>"
                + "<Wait length=\"60\"/></Response>");
        assertEquals(List.of("Still talking."), phone.heard(id));
        phone.advance(Duration.ofSeconds(5));
        assertEquals(State.ENDED, phone.view(id).state());
        assertEquals("Answer XML", hangup().get("HangupSource"));
        assertEquals("5", hangup().get("Duration"));
    }

    @Test
    void theRecordedMessageIsHeardWhileTheCallIsStillOn() {
        String id = answered("<Response><Play>" + AUDIO + "</Play><Speak>Goodbye.</Speak><Hangup/></Response>");
        CallView playing = phone.view(id);
        assertEquals(State.IN_PROGRESS, playing.state(), "the call goes on while the recording plays");
        TranscriptEvent play = phone.events(id, Kind.PLAY).get(0);
        assertEquals(AUDIO, play.url());
        assertEquals(Timing.NOMINAL_AUDIO, play.duration(), "the simulator cannot measure foreign audio");
        phone.advance(Timing.NOMINAL_AUDIO.minusMillis(1));
        assertTrue(phone.heard(id).isEmpty());
        phone.advance(Duration.ofMillis(1));
        assertEquals(List.of("Goodbye."), phone.heard(id));
    }

    @Test
    void theBrowsersLengthOfTheRecordingReplacesTheAssumedOne() {
        String id = answered("<Response><Play loop=\"2\">" + AUDIO + "</Play><Speak>Goodbye.</Speak></Response>");
        long event = phone.events(id, Kind.PLAY).get(0).sequence();
        phone.advance(Duration.ofSeconds(1));
        phone.audioLength(id, event, Duration.ofMillis(3500));
        assertTrue(phone.view(id).events().stream().anyMatch(e -> e.text().equals(
                "Your browser reports that this recording lasts 3.5 s.")));
        phone.advance(Duration.ofMillis(5999));
        assertTrue(phone.heard(id).isEmpty(), "twice 3.5 s from the start of the recording");
        phone.advance(Duration.ofMillis(1));
        assertEquals(List.of("Goodbye."), phone.heard(id));

        int events = phone.view(id).events().size();
        phone.audioLength(id, event, Duration.ofSeconds(1));
        assertEquals(events, phone.view(id).events().size(), "a report for a recording that is over changes nothing");
    }

    @Test
    void aRecordingAlreadyPastItsReportedLengthEndsAtOnce() {
        String id = answered("<Response><Play>" + AUDIO + "</Play><Speak>Goodbye.</Speak></Response>");
        long event = phone.events(id, Kind.PLAY).get(0).sequence();
        phone.advance(Duration.ofSeconds(4));
        phone.audioLength(id, event, Duration.ofSeconds(2));
        TranscriptEvent goodbye = phone.events(id, Kind.SPEAK).get(0);
        assertEquals(phone.events(id, Kind.PLAY).get(0).at().plusSeconds(4), goodbye.at(),
                "the goodbye follows at once, not after the 10 s assumed");
    }

    @Test
    void fastForwardSkipsOneWaitAndTheCallsClockKeepsTheSkippedTime() {
        String id = answered("<Response><Play>" + AUDIO + "</Play><Wait length=\"30\"/><Speak>Goodbye.</Speak>"
                + "</Response>");
        phone.fastForward(id);
        assertEquals(List.of(), phone.heard(id), "only the recording was skipped: now the silence");
        assertTrue(phone.view(id).events().stream().anyMatch(e -> e.text().equals("Fast-forward: 10 s skipped.")));
        phone.fastForward(id);
        assertEquals(List.of("Goodbye."), phone.heard(id));
        phone.fastForward(id);
        assertEquals(State.ENDED, phone.view(id).state());
        assertEquals("40", hangup().get("Duration"),
                "10 s of audio + 30 s of silence + 0.7 s of goodbye, as on a real call, though no time passed");
        TranscriptEvent goodbye = phone.events(id, Kind.SPEAK).get(0);
        assertEquals(phone.events(id, Kind.PLAY).get(0).at().plusSeconds(40), goodbye.at());
    }

    @Test
    void fastForwardOnARingingPhoneLetsItRingOut() {
        String id = phone.place("+14155550123");
        phone.fastForward(id);
        assertEquals("no-answer", hangup().get("CallStatus"));
    }

    @Test
    void stayingSilentIsTheTimeoutPassingNotAnInstantFailure() {
        String id = answered("<Response><GetDigits action=\"" + ACTION + "\" retries=\"2\" timeout=\"7\">"
                + "<Speak>Press 1.</Speak></GetDigits></Response>");
        phone.silence(id);
        phone.silence(id);
        phone.hangUp(id);
        long expected = 2 * (Timing.speech("Press 1.").toMillis() + 7000) / 1000;
        assertEquals(String.valueOf(expected), hangup().get("Duration"),
                "two tries, each the prompt and its 7 s timeout, as the caller would have waited");
    }
}
