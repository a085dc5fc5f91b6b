package com.inspireworks.ivr.simulator;

import com.inspireworks.ivr.support.ManualClock;
import static com.inspireworks.ivr.simulator.ScriptedWebhooks.ANSWER_URL;
import static com.inspireworks.ivr.simulator.ScriptedWebhooks.HANGUP_URL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.simulator.SimulatedCall.State;
import com.inspireworks.ivr.calls.CallRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Placing, finding, bounding and expiring simulated calls. */
class CallSimulatorTest {

    final ScriptedWebhooks web = new ScriptedWebhooks()
            .xml(ANSWER_URL, "<Response><GetDigits action=\"https://ivr.example.com/a\" numDigits=\"1\">"
                    + "<Speak>Menu</Speak></GetDigits></Response>")
            .xml("https://ivr.example.com/a", "<Response><Speak>Bye</Speak></Response>");
    final ManualClock clock = new ManualClock();
    final CallSimulator simulator = new CallSimulator(new PlivoXmlInterpreter(web, clock),
            clock, 3, Duration.ofMinutes(10), 100);

    String place() {
        return assertInstanceOf(CallSimulator.Placed.class, simulator.place(ScriptedWebhooks.request("+14155550123"))).call().id();
    }

    @Test
    void aSimulatedCallIsKnownByTheCallIdOfItsRequest() {
        CallRequest request = ScriptedWebhooks.request("+14155550123");
        CallView call = assertInstanceOf(CallSimulator.Placed.class, simulator.place(request)).call();
        assertEquals(request.callId(), call.id());
        assertEquals("+14155550123", call.to());
        assertEquals("+14155550100", call.from());
        assertNotEquals(place(), place());
        assertEquals(Optional.empty(), simulator.find("0".repeat(32)));
        assertEquals(Optional.empty(), simulator.find(null));
        assertEquals(Optional.empty(), simulator.press("nope", '1'));
    }

    @Test
    void whenFullEndedCallsMakeRoomButLiveCallsAreNeverDropped() {
        String first = place();
        place();
        place();
        CallSimulator.Full full = assertInstanceOf(CallSimulator.Full.class, simulator.place(ScriptedWebhooks.request("+14155550123")));
        assertTrue(full.message().startsWith("Too many simulated calls in progress (3)."), full.message());

        simulator.hangUp(first);
        place();
        assertEquals(Optional.empty(), simulator.find(first));
        assertEquals(3, simulator.size());
    }

    @Test
    void callsLeftAloneAreHungUpAndForgotten() {
        String idle = place();
        simulator.answer(idle);
        clock.advance(Duration.ofMinutes(6));
        String recent = place();
        clock.advance(Duration.ofMinutes(5));
        assertEquals(Optional.empty(), simulator.find(idle));
        assertEquals(State.RINGING, simulator.find(recent).orElseThrow().state());
        List<ScriptedWebhooks.Request> hangups = web.requestsTo(HANGUP_URL);
        assertEquals(1, hangups.size());
        assertEquals("ALLOTTED_TIMEOUT", hangups.get(0).parameters().get("HangupCause"));
    }

    @Test
    void actingOnACallKeepsItAlive() {
        String id = place();
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(9));
            simulator.silence(id);
        }
        assertEquals(State.RINGING, simulator.find(id).orElseThrow().state());
    }

    @Test
    void concurrentKeysOnOneCallAreHandledOneAtATime() throws Exception {
        String id = place();
        simulator.answer(id);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Object>> presses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                presses.add(() -> simulator.press(id, '1'));
            }
            for (Future<Object> done : pool.invokeAll(presses)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }
        // One key completes the one-digit menu; the others find the call ended.
        assertEquals(1, web.requestsTo("https://ivr.example.com/a").size());
        assertEquals(1, web.requestsTo(HANGUP_URL).size());
    }
}
