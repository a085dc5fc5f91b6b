package com.inspireworks.ivr.simulator;

import static com.inspireworks.ivr.simulator.ScriptedWebhooks.ANSWER_URL;
import static com.inspireworks.ivr.simulator.ScriptedWebhooks.HANGUP_URL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.calls.CallRequest;
import com.inspireworks.ivr.simulator.SimulatedCall.State;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Placing, finding, bounding and expiring simulated calls; who may see them; and the promise that matters under a
 * flood: the thread that queues an action never waits for the webhooks it causes.
 */
class CallSimulatorTest {

    static final String MENU = "<Response><GetDigits action=\"https://ivr.example.com/a\" numDigits=\"1\""
            + " timeout=\"3600\"><Speak>Menu</Speak></GetDigits></Response>";

    final ScriptedWebhooks web = new ScriptedWebhooks()
            .xml(ANSWER_URL, MENU)
            .xml("https://ivr.example.com/a", "<Response><Speak>Bye</Speak></Response>");
    final TestPhone phone = new TestPhone(web, new CallSimulator.Limits(3, Duration.ofMinutes(10), 100, 4, 6));
    final CallSimulator simulator = phone.simulator;

    String place() {
        return phone.place("+14155550123");
    }

    @Test
    void aSimulatedCallIsKnownByTheCallIdOfItsRequest() {
        CallRequest request = ScriptedWebhooks.request("+14155550123");
        CallView call = assertInstanceOf(CallSimulator.Placed.class, simulator.place(request)).call();
        assertEquals(request.callId(), call.id());
        assertEquals("+14155550123", call.to());
        assertEquals("+14155550100", call.from());
        assertNotEquals(place(), place());
        assertEquals(Optional.empty(), simulator.find("0".repeat(32), TestPhone.OPERATOR));
        assertEquals(Optional.empty(), simulator.find(null, TestPhone.OPERATOR));
        assertInstanceOf(CallSimulator.Unknown.class, simulator.press("nope", TestPhone.OPERATOR, '1'));
    }

    @Test
    void aCallBelongsToTheOperatorWhoPlacedIt() {
        String id = place();
        assertEquals(Optional.empty(), simulator.find(id, "someone-else"));
        assertInstanceOf(CallSimulator.Unknown.class, simulator.answer(id, "someone-else"));
        assertInstanceOf(CallSimulator.Unknown.class, simulator.hangUp(id, "someone-else"));
        phone.scheduler.runAll();
        assertEquals(State.RINGING, phone.view(id).state(), "nobody else can act on it");
        assertTrue(web.requests().isEmpty());
    }

    @Test
    void whenFullEndedCallsMakeRoomButLiveCallsAreNeverDropped() {
        String first = place();
        place();
        place();
        CallSimulator.Full full = assertInstanceOf(CallSimulator.Full.class,
                simulator.place(ScriptedWebhooks.request("+14155550123")));
        assertTrue(full.message().startsWith("Too many simulated calls in progress (3)."), full.message());

        phone.hangUp(first);
        place();
        assertEquals(Optional.empty(), simulator.find(first, TestPhone.OPERATOR));
        assertEquals(3, simulator.size());
    }

    @Test
    void callsNobodyLooksAtAreHungUpAndForgottenWithoutAnyRequest() {
        String idle = place();
        phone.answer(idle);
        String idleUuid = phone.view(idle).callUuid();
        String watched = place();
        phone.answer(watched);
        for (int minute = 0; minute < 11; minute++) {
            phone.advance(Duration.ofMinutes(1));
            phone.view(watched);
        }
        List<ScriptedWebhooks.Request> hangups = web.requestsTo(HANGUP_URL);
        assertEquals(1, hangups.size(), "the idle call was hung up by the simulator's own sweep");
        assertEquals(idleUuid, hangups.get(0).parameters().get("CallUUID"));
        assertEquals("ALLOTTED_TIMEOUT", hangups.get(0).parameters().get("HangupCause"));
        phone.advance(Duration.ofMinutes(2));
        assertEquals(Optional.empty(), simulator.find(idle, TestPhone.OPERATOR), "then forgotten");
        assertEquals(State.IN_PROGRESS, phone.view(watched).state());
    }

    @Test
    void aCallSomeoneWatchesStaysAlive() {
        String id = place();
        phone.answer(id);
        for (int i = 0; i < 5; i++) {
            phone.advance(Duration.ofMinutes(4));
            assertEquals(State.IN_PROGRESS, phone.view(id).state());
        }
        assertTrue(web.requestsTo(HANGUP_URL).isEmpty());
    }

    @Test
    void eachCallQueuesABoundedNumberOfActions() {
        String id = place();
        for (int i = 0; i < 4; i++) {
            assertInstanceOf(CallSimulator.Accepted.class, simulator.press(id, TestPhone.OPERATOR, '1'));
        }
        CallSimulator.TooMany refused = assertInstanceOf(CallSimulator.TooMany.class,
                simulator.press(id, TestPhone.OPERATOR, '1'));
        assertTrue(refused.message().startsWith("This call already has 4 actions waiting"), refused.message());
        assertEquals(4, phone.view(id).pending());
        phone.scheduler.runAll();
        assertEquals(0, phone.view(id).pending());
        assertInstanceOf(CallSimulator.Accepted.class, simulator.answer(id, TestPhone.OPERATOR));
    }

    @Test
    void eachOperatorQueuesABoundedNumberOfActionsAcrossTheirCalls() {
        String one = place();
        String two = place();
        for (int i = 0; i < 4; i++) {
            assertInstanceOf(CallSimulator.Accepted.class, simulator.press(one, TestPhone.OPERATOR, '1'));
        }
        assertInstanceOf(CallSimulator.Accepted.class, simulator.press(two, TestPhone.OPERATOR, '1'));
        assertInstanceOf(CallSimulator.Accepted.class, simulator.press(two, TestPhone.OPERATOR, '1'));
        CallSimulator.TooMany refused = assertInstanceOf(CallSimulator.TooMany.class,
                simulator.press(two, TestPhone.OPERATOR, '1'));
        assertTrue(refused.message().startsWith("Your simulated calls already have 6 actions waiting"),
                refused.message());

        String theirs = assertInstanceOf(CallSimulator.Placed.class, simulator.place(new CallRequest(
                "3f0c0000-0000-4000-8000-0000000000aa", "+14155550100", "+14155550123", ANSWER_URL, HANGUP_URL,
                Duration.ofHours(1), "another-operator"))).call().id();
        assertInstanceOf(CallSimulator.Accepted.class, simulator.answer(theirs, "another-operator"),
                "another operator is not held up");
        phone.scheduler.runAll();
        assertInstanceOf(CallSimulator.Accepted.class, simulator.press(two, TestPhone.OPERATOR, '1'));
    }

    @Test
    void anEndedCallTakesNoMoreActions() {
        String id = place();
        phone.decline(id);
        CallSimulator.Over over = assertInstanceOf(CallSimulator.Over.class, simulator.press(id, TestPhone.OPERATOR,
                '1'));
        assertEquals("Declined by the person called.", over.call().endReason());
    }

    @Test
    void queuingAnActionNeverWaitsForTheWebhooksItCauses() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inWebhook = new CountDownLatch(1);
        Webhooks slow = (method, url, parameters) -> {
            inWebhook.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Webhooks.WebhookResponse(200, MENU.getBytes(StandardCharsets.UTF_8));
        };
        CallSimulator threaded = new CallSimulator(new PlivoXmlInterpreter(slow), Clock.systemUTC(),
                new SimulatorThreads(Clock.systemUTC(), 2), TestPhone.LIMITS);
        try {
            String id = assertInstanceOf(CallSimulator.Placed.class,
                    threaded.place(ScriptedWebhooks.request("+14155550123"))).call().id();
            // Guards against a hang only: if answering waited for the webhook, the latch would never open.
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                assertInstanceOf(CallSimulator.Accepted.class, threaded.answer(id, TestPhone.OPERATOR));
                assertTrue(inWebhook.await(10, TimeUnit.SECONDS), "the simulator's thread fetches the answer URL");
                assertInstanceOf(CallSimulator.Accepted.class, threaded.press(id, TestPhone.OPERATOR, '1'));
                CallView meanwhile = threaded.find(id, TestPhone.OPERATOR).orElseThrow();
                assertEquals(State.RINGING, meanwhile.state(), "the view is the last one published");
                assertEquals(2, meanwhile.pending(), "answer and key both still queued or running");
            });
            release.countDown();
        } finally {
            release.countDown();
            threaded.close();
        }
    }

    @Test
    void closeStopsEveryThreadTheSimulatorStarted() throws Exception {
        CallSimulator threaded = new CallSimulator(new PlivoXmlInterpreter(web), Clock.systemUTC(),
                new SimulatorThreads(Clock.systemUTC(), 2), TestPhone.LIMITS);
        String id = assertInstanceOf(CallSimulator.Placed.class,
                threaded.place(ScriptedWebhooks.request("+14155550123"))).call().id();
        threaded.answer(id, TestPhone.OPERATOR);
        threaded.close();
        assertFalse(simulatorThreadsAlive(), "threads left: " + Thread.getAllStackTraces().keySet());
        assertInstanceOf(CallSimulator.Unknown.class, threaded.press(id, TestPhone.OPERATOR, '1'));
        assertInstanceOf(CallSimulator.Full.class, threaded.place(ScriptedWebhooks.request("+14155550123")));
    }

    private static boolean simulatorThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("ivr-simulator-"));
    }

    @Test
    void concurrentKeysOnOneCallAreHandledOneAtATime() throws Exception {
        CallSimulator threaded = new CallSimulator(new PlivoXmlInterpreter(web), Clock.systemUTC(),
                new SimulatorThreads(Clock.systemUTC(), 2), new CallSimulator.Limits(10, Duration.ofMinutes(10),
                        100, 50, 50));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            String id = assertInstanceOf(CallSimulator.Placed.class,
                    threaded.place(ScriptedWebhooks.request("+14155550123"))).call().id();
            threaded.answer(id, TestPhone.OPERATOR);
            List<Callable<Object>> presses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                presses.add(() -> threaded.press(id, TestPhone.OPERATOR, '1'));
            }
            for (Future<Object> done : pool.invokeAll(presses)) {
                assertInstanceOf(CallSimulator.Accepted.class, done.get());
            }
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                while (threaded.find(id, TestPhone.OPERATOR).orElseThrow().pending() > 0) {
                    Thread.onSpinWait();
                }
            });
        } finally {
            pool.shutdown();
            threaded.close();
        }
        // One key completes the one-digit menu; the others find "Bye" playing and nothing listening.
        assertEquals(1, web.requestsTo("https://ivr.example.com/a").size());
    }
}
