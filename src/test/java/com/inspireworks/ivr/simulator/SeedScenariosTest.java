package com.inspireworks.ivr.simulator;

import com.inspireworks.ivr.support.ManualClock;
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
 * engine runs the IVR's real documents (no server). What is asserted is what the caller hears.
 */
class SeedScenariosTest {

    static final IvrUrls URLS = new IvrUrls(URI.create("https://ivr.example.com/ivr"));
    static final String AUDIO_EN = "https://media.example.com/en.mp3";
    static final String AUDIO_ES = "https://media.example.com/es.mp3";

    final ManualClock clock = new ManualClock();
    FlowWebhooks web;
    CallSimulator simulator;
    String id;

    void ivr(Optional<String> associate) {
        Menus menus = new Menus(URLS, Map.of(Language.ENGLISH, URI.create(AUDIO_EN), Language.SPANISH,
                URI.create(AUDIO_ES)), associate, Optional.of("+14155550100"));
        web = new FlowWebhooks(new CallFlow(menus, new PlivoXml()), URLS);
        simulator = new CallSimulator(new PlivoXmlInterpreter(web, clock), clock,
                10, Duration.ofMinutes(10), 500);
        String callId = java.util.UUID.randomUUID().toString();
        id = ((CallSimulator.Placed) simulator.place(new CallRequest(callId, "+14155550100", "+14155550123",
                URLS.welcome(callId), URLS.hangup(callId), Duration.ofHours(1)))).call().id();
        simulator.answer(id);
    }

    CallView call() {
        return simulator.find(id).orElseThrow();
    }

    List<String> heard() {
        return call().events().stream().filter(e -> e.kind() == Kind.SPEAK).map(TranscriptEvent::text).toList();
    }

    /** What was heard since the {@code n}th spoken line. */
    List<String> heardAfter(int n) {
        List<String> all = heard();
        return all.subList(n, all.size());
    }

    @Test
    void englishCallerPresses1Then1AndHearsTheRecordedMessage() {
        ivr(Optional.of("+14155550199"));
        assertEquals(List.of("For English, press 1.", "Para español, oprima 2."), heard());
        simulator.press(id, '1');
        assertEquals(List.of("To hear a recorded message, press 1. To talk to an associate, press 2."),
                heardAfter(2));
        simulator.press(id, '1');
        CallView call = call();
        List<TranscriptEvent> played = call.events().stream().filter(e -> e.kind() == Kind.PLAY).toList();
        assertEquals(List.of(AUDIO_EN), played.stream().map(TranscriptEvent::url).toList());
        assertEquals("Thank you for calling InspireWorks. Goodbye.", heard().get(heard().size() - 1));
        assertEquals(State.ENDED, call.state());
        assertEquals(1, web.requests().stream().filter(r -> r.url().equals(URLS.hangup(id))).count());
    }

    @Test
    void spanishCallerPresses2Then2AndIsConnectedToTheAssociate() {
        ivr(Optional.of("+14155550199"));
        simulator.press(id, '2');
        TranscriptEvent menu = call().events().stream().filter(e -> e.kind() == Kind.SPEAK).toList().get(2);
        assertEquals("Para escuchar un mensaje grabado, oprima 1. Para hablar con un asociado, oprima 2.",
                menu.text());
        assertEquals("es-MX", menu.language());
        simulator.press(id, '2');
        CallView ringing = call();
        assertEquals(Awaiting.DIAL_OUTCOME, ringing.awaiting());
        assertEquals(List.of("+14155550199"), ringing.dialNumbers());
        assertEquals("Por favor espere mientras le comunicamos con un asociado.", heard().get(heard().size() - 1));
        simulator.dialEnded(id, DialChoice.ANSWERED);
        assertEquals(State.ENDED, call().state());
        assertEquals("The application hung up (Hangup).", call().endReason());
    }

    @Test
    void anUnavailableAssociateLeadsBackToTheSpanishMenu() {
        ivr(Optional.of("+14155550199"));
        simulator.press(id, '2');
        simulator.press(id, '2');
        int before = heard().size();
        simulator.dialEnded(id, DialChoice.NO_ANSWER);
        assertEquals(List.of("Lo sentimos, no hay ningún asociado disponible en este momento.",
                "Para escuchar un mensaje grabado, oprima 1. Para hablar con un asociado, oprima 2."),
                heardAfter(before));
        assertEquals(Awaiting.KEYS, call().awaiting());
    }

    @Test
    void withoutAnAssociateOption2SaysSoWithoutRinging() {
        ivr(Optional.empty());
        simulator.press(id, '1');
        simulator.press(id, '2');
        assertEquals("To hear a recorded message, press 1. To talk to an associate, press 2.",
                heard().get(heard().size() - 1));
        assertTrue(heard().contains("Sorry, no associate is available right now."));
        assertTrue(call().events().stream().noneMatch(e -> e.kind() == Kind.DIAL));
    }

    @Test
    void invalidInputSaysSoAndRepeatsTheMenu() {
        ivr(Optional.of("+14155550199"));
        simulator.press(id, '7');
        assertEquals(List.of("Sorry, that is not a valid option.", "Lo sentimos, esa opción no es válida.",
                "For English, press 1.", "Para español, oprima 2."), heardAfter(2));
        simulator.press(id, '1');
        int before = heard().size();
        simulator.press(id, '9');
        assertEquals(List.of("Sorry, that is not a valid option.",
                "To hear a recorded message, press 1. To talk to an associate, press 2."), heardAfter(before));
        assertEquals(State.IN_PROGRESS, call().state());
    }

    @Test
    void threeInvalidKeysEndTheCallPolitely() {
        ivr(Optional.of("+14155550199"));
        simulator.press(id, '1');
        simulator.press(id, '5');
        simulator.press(id, '5');
        simulator.press(id, '5');
        assertEquals("Sorry, we could not understand your choice. Goodbye.", heard().get(heard().size() - 1));
        assertEquals(State.ENDED, call().state());
    }

    @Test
    void noInputReplaysTheMenuOnceThenSaysGoodbye() {
        ivr(Optional.of("+14155550199"));
        simulator.silence(id);
        assertEquals(List.of("For English, press 1.", "Para español, oprima 2."), heardAfter(2));
        simulator.silence(id);
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
        simulator.press(id, '2');
        for (int i = 0; i < 3; i++) {
            simulator.press(id, '2');
            simulator.dialEnded(id, DialChoice.BUSY);
        }
        assertEquals("Por favor llame más tarde. Adiós.", heard().get(heard().size() - 1));
        assertEquals(State.ENDED, call().state());
    }
}
