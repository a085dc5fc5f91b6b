package com.inspireworks.ivr.simulator;

import static com.inspireworks.ivr.simulator.ScriptedWebhooks.ANSWER_URL;
import static com.inspireworks.ivr.simulator.ScriptedWebhooks.HANGUP_URL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.simulator.ScriptedWebhooks.Request;
import com.inspireworks.ivr.simulator.SimulatedCall.Awaiting;
import com.inspireworks.ivr.simulator.SimulatedCall.State;
import com.inspireworks.ivr.simulator.TranscriptEvent.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every way the associate's phone can answer a Dial, as the Dial action hears of it: Plivo's documented
 * {@code DialStatus} values with {@code DialHangupCause}, {@code DialRingStatus}, {@code DialALegUUID} and
 * {@code DialBLegUUID}; the Dial's ring time; and the caller hanging up while the associate's phone rings.
 */
class DialTest {

    static final String ACTION = "https://ivr.example.com/ivr/dial-status";
    static final String DIAL = "<Dial action=\"" + ACTION + "\" timeout=\"30\" callerId=\"+14155550100\">"
            + "<Number>+14155550199</Number></Dial>";

    final ScriptedWebhooks web = new ScriptedWebhooks()
            .xml(ANSWER_URL, "<Response>" + DIAL + "<Speak>Skipped</Speak></Response>")
            .xml(ACTION, "<Response><Speak>After the Dial.</Speak></Response>");
    final TestPhone phone = new TestPhone(web);

    String ringingAssociate() {
        String id = phone.place("+14155550123");
        phone.answer(id);
        assertEquals(Awaiting.DIAL_OUTCOME, phone.view(id).awaiting());
        return id;
    }

    Map<String, String> dialAction() {
        List<Request> requests = web.requestsTo(ACTION);
        assertEquals(1, requests.size(), () -> "Dial action requests: " + web.requests());
        return requests.get(0).parameters();
    }

    @ParameterizedTest
    @EnumSource(DialChoice.class)
    void eachOutcomeReachesTheDialActionAsPlivoSendsIt(DialChoice choice) {
        String id = ringingAssociate();
        phone.dial(id, choice);
        Map<String, String> sent = dialAction();
        Map<DialChoice, List<String>> expected = Map.of(
                DialChoice.ANSWERED, List.of("completed", "NORMAL_CLEARING", "true"),
                DialChoice.BUSY, List.of("busy", "USER_BUSY", "false"),
                DialChoice.NO_ANSWER, List.of("no-answer", "NO_ANSWER", "true"),
                DialChoice.FAILED, List.of("failed", "UNALLOCATED_NUMBER", "false"),
                DialChoice.TIMEOUT, List.of("timeout", "RECOVERY_ON_TIMER_EXPIRE", "false"));
        assertEquals(expected.get(choice), List.of(sent.get("DialStatus"), sent.get("DialHangupCause"),
                sent.get("DialRingStatus")));
        assertEquals(phone.view(id).callUuid(), sent.get("DialALegUUID"));
        assertEquals(choice == DialChoice.ANSWERED, sent.get("DialBLegUUID").length() == 36,
                "a B leg exists only when the associate answered: " + sent);
        assertEquals(choice != DialChoice.ANSWERED, sent.get("DialBLegUUID").isEmpty());
        assertEquals("in-progress", sent.get("CallStatus"));
        assertFalse(sent.containsKey("DialAction"), "Plivo sends DialAction to callbackUrl only");
        assertEquals(List.of("After the Dial."), phone.heard(id), "the action's document replaces the current one");
    }

    @Test
    void everyDocumentedDialStatusCanBeProduced() {
        Set<String> statuses = new java.util.TreeSet<>();
        for (DialChoice choice : DialChoice.values()) {
            statuses.add(choice.dialStatus());
        }
        assertEquals(Set.of("busy", "completed", "failed", "no-answer", "timeout"), statuses);
    }

    @Test
    void whenNobodyChoosesTheAssociatesPhoneRingsForTheDialsTimeoutThenNoAnswer() {
        String id = ringingAssociate();
        phone.advance(Duration.ofSeconds(29));
        assertTrue(web.requestsTo(ACTION).isEmpty(), "still ringing after 29 of 30 s");
        assertEquals(Awaiting.DIAL_OUTCOME, phone.view(id).awaiting());
        phone.advance(Duration.ofSeconds(1));
        Map<String, String> sent = dialAction();
        assertEquals("no-answer", sent.get("DialStatus"));
        assertEquals("NO_ANSWER", sent.get("DialHangupCause"));
        assertEquals("true", sent.get("DialRingStatus"));
        assertEquals("", sent.get("DialBLegUUID"));
    }

    @Test
    void choosingNoAnswerLetsTheRingTimeRunOutOnTheCallsClock() {
        String id = ringingAssociate();
        phone.advance(Duration.ofSeconds(5));
        phone.dial(id, DialChoice.NO_ANSWER);
        assertEquals("no-answer", dialAction().get("DialStatus"));
        phone.hangUp(id);
        assertEquals("30", web.requestsTo(HANGUP_URL).get(0).parameters().get("Duration"),
                "the phone rang its 30 s on the call's clock");
    }

    @Test
    void aDialWithoutTimeoutRingsForThirtySeconds() {
        web.xml(ANSWER_URL, "<Response><Dial action=\"" + ACTION + "\"><Number>+14155550199</Number></Dial>"
                + "</Response>");
        String id = ringingAssociate();
        phone.advance(Duration.ofSeconds(29));
        assertTrue(web.requestsTo(ACTION).isEmpty());
        phone.advance(Duration.ofSeconds(1));
        assertEquals("no-answer", dialAction().get("DialStatus"));
    }

    @Test
    void whenTheCallerHangsUpWhileTheAssociateRingsTheDialActionHearsOfItFirst() {
        String id = ringingAssociate();
        phone.advance(Duration.ofSeconds(4));
        phone.hangUp(id);
        Map<String, String> sent = dialAction();
        assertEquals("no-answer", sent.get("DialStatus"));
        assertEquals("ORIGINATOR_CANCEL", sent.get("DialHangupCause"));
        assertEquals("true", sent.get("DialRingStatus"));
        assertEquals("", sent.get("DialBLegUUID"));
        assertEquals("completed", sent.get("CallStatus"), "the caller is gone");
        List<String> order = web.requests().stream().map(Request::url).toList();
        assertEquals(List.of(ANSWER_URL, ACTION, HANGUP_URL), order);
        assertTrue(phone.heard(id).isEmpty(), "the action's document is not run: nobody is there to hear it");
        Map<String, String> hangup = web.requestsTo(HANGUP_URL).get(0).parameters();
        assertEquals("Callee", hangup.get("HangupSource"));
        assertEquals("4", hangup.get("Duration"));
        assertEquals(State.ENDED, phone.view(id).state());
    }

    @Test
    void aDialWithoutActionGoesOnWithTheNextElement() {
        web.xml(ANSWER_URL, "<Response><Dial><Number>+14155550199</Number></Dial><Speak>After</Speak></Response>");
        String id = ringingAssociate();
        phone.dial(id, DialChoice.BUSY);
        assertEquals(List.of("After"), phone.heard(id));
        assertEquals(1, web.requestsTo(ANSWER_URL).size());
    }

    @Test
    void theRingingIsShownWithItsNumbersAndRingTime() {
        String id = ringingAssociate();
        CallView call = phone.view(id);
        assertEquals(List.of("+14155550199"), call.dialNumbers());
        TranscriptEvent dial = phone.events(id, Kind.DIAL).get(0);
        assertTrue(dial.text().startsWith("Ringing the associate: +14155550199 (caller id +14155550100) for up to"
                + " 30 s."), dial.text());
        assertEquals(Duration.ofSeconds(30), call.remaining().orElseThrow());
        phone.press(id, '1');
        assertTrue(web.requestsTo(ACTION).isEmpty(), "a key does not end the Dial");
    }
}
