package com.inspireworks.ivr.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.calls.CallRequest;
import com.inspireworks.ivr.flow.CallFlow;
import com.inspireworks.ivr.flow.IvrUrls;
import com.inspireworks.ivr.flow.Language;
import com.inspireworks.ivr.flow.Menus;
import com.inspireworks.ivr.flow.PlivoXml;
import com.inspireworks.ivr.simulator.SimulatedCall.Awaiting;
import com.inspireworks.ivr.simulator.SimulatedCall.State;
import com.inspireworks.ivr.simulator.TranscriptEvent.Kind;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The seed's four scenarios and the flow's edge cases, as a person at the phone page lives them: the simulator
 * engine runs the IVR's real documents (no server) on a manual clock. What is asserted is what the caller hears;
 * {@link #hearAll()} stands for listening to the IVR until it waits for the caller.
 */
class SeedScenariosTest {

    static final IvrUrls URLS = new IvrUrls(URI.create("https://ivr.example.com/ivr"));
    static final String AUDIO_EN = "https://media.example.com/en.mp3";
    static final String AUDIO_ES = "https://media.example.com/es.mp3";

    FlowWebhooks web;
    TestPhone phone;
    String id;

    void ivr(Optional<String> associate) {
        Menus menus = new Menus(URLS, Map.of(Language.ENGLISH, URI.create(AUDIO_EN), Language.SPANISH,
                URI.create(AUDIO_ES)), associate, Optional.of("+14155550100"));
        web = new FlowWebhooks(new CallFlow(menus, new PlivoXml()), URLS);
        phone = new TestPhone(web, new CallSimulator.Limits(10, Duration.ofMinutes(10), 500, 8, 20));
        String callId = java.util.UUID.randomUUID().toString();
        id = phone.place(new CallRequest(callId, "+14155550100", "+14155550123", URLS.welcome(callId),
                URLS.hangup(callId), Duration.ofHours(1), TestPhone.OPERATOR));
        phone.answer(id);
    }

    CallView call() {
        return phone.view(id);
    }

    List<String> heard() {
        return phone.heard(id);
    }

    /**
     * Lets the IVR say everything it has to say (the clock jumps over each line), up to where it waits for a key,
     * rings the associate, or ends the call.
     */
    void hearAll() {
        for (int i = 0; i < 20; i++) {
            CallView call = call();
            boolean waitsForCaller = call.countdown().map(c -> c.what().startsWith("The IVR waits")).orElse(true);
            if (call.state() == State.ENDED || call.awaiting() == Awaiting.DIAL_OUTCOME || waitsForCaller) {
                return;
            }
            phone.fastForward(id);
        }
        throw new AssertionError("the IVR keeps talking: " + call());
    }

    /** What was heard since the {@code n}th spoken line. */
    List<String> heardAfter(int n) {
        List<String> all = heard();
        return all.subList(n, all.size());
    }

    @Test
    void englishCallerPresses1Then1AndHearsTheRecordedMessage() {
        ivr(Optional.of("+14155550199"));
        hearAll();
        assertEquals(List.of("For English, press 1.", "Para español, oprima 2."), heard());
        phone.press(id, '1');
        assertEquals(List.of("To hear a recorded message, press 1. To talk to an associate, press 2."),
                heardAfter(2));
        phone.press(id, '1');
        List<TranscriptEvent> played = call().events().stream().filter(e -> e.kind() == Kind.PLAY).toList();
        assertEquals(List.of(AUDIO_EN), played.stream().map(TranscriptEvent::url).toList());
        assertEquals(State.IN_PROGRESS, call().state(), "the recorded message plays before the call ends");
        hearAll();
        assertEquals("Thank you for calling InspireWorks. Goodbye.", heard().get(heard().size() - 1));
        assertEquals(State.ENDED, call().state());
        assertEquals(1, web.requests().stream().filter(r -> r.url().equals(URLS.hangup(id))).count());
    }

    @Test
    void aKeyDuringTheFirstPromptCounts() {
        ivr(Optional.of("+14155550199"));
        phone.press(id, '2');
        assertEquals(List.of("For English, press 1.",
                "Para escuchar un mensaje grabado, oprima 1. Para hablar con un asociado, oprima 2."), heard());
    }

    @Test
    void spanishCallerPresses2Then2AndIsConnectedToTheAssociate() {
        ivr(Optional.of("+14155550199"));
        hearAll();
        phone.press(id, '2');
        TranscriptEvent menu = call().events().stream().filter(e -> e.kind() == Kind.SPEAK).toList().get(2);
        assertEquals("Para escuchar un mensaje grabado, oprima 1. Para hablar con un asociado, oprima 2.",
                menu.text());
        assertEquals("es-MX", menu.language());
        phone.press(id, '2');
        hearAll();
        CallView ringing = call();
        assertEquals(Awaiting.DIAL_OUTCOME, ringing.awaiting());
        assertEquals(List.of("+14155550199"), ringing.dialNumbers());
        assertEquals("Por favor espere mientras le comunicamos con un asociado.", heard().get(heard().size() - 1));
        phone.dial(id, DialChoice.ANSWERED);
        assertEquals(State.ENDED, call().state());
        assertEquals("The application hung up (Hangup).", call().endReason());
    }

    @Test
    void anUnavailableAssociateLeadsBackToTheSpanishMenu() {
        ivr(Optional.of("+14155550199"));
        phone.press(id, '2');
        phone.press(id, '2');
        hearAll();
        int before = heard().size();
        phone.dial(id, DialChoice.NO_ANSWER);
        hearAll();
        assertEquals(List.of("Lo sentimos, no hay ningún asociado disponible en este momento.",
                "Para escuchar un mensaje grabado, oprima 1. Para hablar con un asociado, oprima 2."),
                heardAfter(before));
        assertEquals(Awaiting.KEYS, call().awaiting());
    }

    @Test
    void withoutAnAssociateOption2SaysSoWithoutRinging() {
        ivr(Optional.empty());
        phone.press(id, '1');
        phone.press(id, '2');
        hearAll();
        assertEquals("To hear a recorded message, press 1. To talk to an associate, press 2.",
                heard().get(heard().size() - 1));
        assertTrue(heard().contains("Sorry, no associate is available right now."));
        assertTrue(call().events().stream().noneMatch(e -> e.kind() == Kind.DIAL));
    }

    @Test
    void invalidInputSaysSoAndRepeatsTheMenu() {
        ivr(Optional.of("+14155550199"));
        hearAll();
        phone.press(id, '7');
        hearAll();
        assertEquals(List.of("Sorry, that is not a valid option.", "Lo sentimos, esa opción no es válida.",
                "For English, press 1.", "Para español, oprima 2."), heardAfter(2));
        phone.press(id, '1');
        int before = heard().size();
        phone.press(id, '9');
        hearAll();
        assertEquals(List.of("Sorry, that is not a valid option.",
                "To hear a recorded message, press 1. To talk to an associate, press 2."), heardAfter(before));
        assertEquals(State.IN_PROGRESS, call().state());
    }

    @Test
    void aKeyWhileTheIvrSaysInvalidOptionIsIgnoredAsPlivoIgnoresIt() {
        ivr(Optional.of("+14155550199"));
        phone.press(id, '7');
        int requests = web.requests().size();
        phone.press(id, '1');
        assertEquals(requests, web.requests().size(), "\"Sorry, that is not a valid option.\" is no menu");
        assertTrue(call().events().stream().anyMatch(e -> e.text().startsWith("Nothing is listening for keys")));
    }

    @Test
    void threeInvalidKeysEndTheCallPolitely() {
        ivr(Optional.of("+14155550199"));
        phone.press(id, '1');
        for (int i = 0; i < 3; i++) {
            hearAll();
            phone.press(id, '5');
        }
        hearAll();
        assertEquals("Sorry, we could not understand your choice. Goodbye.", heard().get(heard().size() - 1));
        assertEquals(State.ENDED, call().state());
    }

    @Test
    void noInputReplaysTheMenuOnceThenSaysGoodbye() {
        ivr(Optional.of("+14155550199"));
        phone.silence(id);
        hearAll();
        assertEquals(List.of("For English, press 1.", "Para español, oprima 2."), heardAfter(2));
        phone.silence(id);
        hearAll();
        assertEquals(List.of("We did not receive any input. Goodbye.", "No recibimos ninguna respuesta. Adiós."),
                heardAfter(4));
        CallView call = call();
        assertEquals(State.ENDED, call.state());
        assertEquals("The application hung up (Hangup).", call.endReason());
        assertEquals(List.of(URLS.welcome(id), URLS.noInput(Optional.empty()), URLS.hangup(id)), web.requests().stream()
                .map(ScriptedWebhooks.Request::url).toList());
    }

    @Test
    void theAssociateBusyThreeTimesEndsTheCall() {
        ivr(Optional.of("+14155550199"));
        phone.press(id, '2');
        for (int i = 0; i < 3; i++) {
            hearAll();
            phone.press(id, '2');
            hearAll();
            phone.dial(id, DialChoice.BUSY);
        }
        hearAll();
        assertEquals("Por favor llame más tarde. Adiós.", heard().get(heard().size() - 1));
        assertEquals(State.ENDED, call().state());
    }
}
