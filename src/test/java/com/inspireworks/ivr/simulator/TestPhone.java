package com.inspireworks.ivr.simulator;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.inspireworks.ivr.calls.CallRequest;
import com.inspireworks.ivr.support.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * A {@link CallSimulator} on a manual clock and a {@link ManualScheduler}, driven the way the phone page drives it,
 * for unit tests: every action is queued as in the application and then played out on the test's thread before the
 * method returns; time passes only when the test says {@link #advance}.
 */
final class TestPhone {

    static final String OPERATOR = "operator";
    static final CallSimulator.Limits LIMITS = new CallSimulator.Limits(10, Duration.ofMinutes(10), 60, 8, 20);

    final ManualClock clock = new ManualClock();
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final CallSimulator simulator;

    TestPhone(Webhooks webhooks) {
        this(webhooks, LIMITS);
    }

    TestPhone(Webhooks webhooks, CallSimulator.Limits limits) {
        simulator = new CallSimulator(new PlivoXmlInterpreter(webhooks), clock, scheduler, limits);
    }

    /** Places a call to {@code to} for {@link #OPERATOR}; the phone rings. */
    String place(String to) {
        return place(ScriptedWebhooks.request(to));
    }

    String place(CallRequest request) {
        return assertInstanceOf(CallSimulator.Placed.class, simulator.place(request)).call().id();
    }

    CallSimulator.Outcome answer(String id) {
        return played(() -> simulator.answer(id, OPERATOR));
    }

    CallSimulator.Outcome decline(String id) {
        return played(() -> simulator.decline(id, OPERATOR));
    }

    CallSimulator.Outcome press(String id, char key) {
        return played(() -> simulator.press(id, OPERATOR, key));
    }

    /** Presses each key of {@code keys} in turn. */
    void type(String id, String keys) {
        for (char key : keys.toCharArray()) {
            press(id, key);
        }
    }

    CallSimulator.Outcome silence(String id) {
        return played(() -> simulator.silence(id, OPERATOR));
    }

    CallSimulator.Outcome fastForward(String id) {
        return played(() -> simulator.fastForward(id, OPERATOR));
    }

    CallSimulator.Outcome dial(String id, DialChoice choice) {
        return played(() -> simulator.dialEnded(id, OPERATOR, choice));
    }

    CallSimulator.Outcome audioLength(String id, long event, Duration length) {
        return played(() -> simulator.audioLength(id, OPERATOR, event, length));
    }

    CallSimulator.Outcome hangUp(String id) {
        return played(() -> simulator.hangUp(id, OPERATOR));
    }

    /** Lets {@code duration} pass on the call's clock, with everything that falls due on the way. */
    void advance(Duration duration) {
        scheduler.advance(duration);
    }

    void advanceSeconds(double seconds) {
        advance(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    /** The call as its owner sees it now. */
    CallView view(String id) {
        return simulator.find(id, OPERATOR).orElseThrow(() -> new AssertionError("no call " + id));
    }

    /** Everything spoken so far, in order. */
    List<String> heard(String id) {
        return view(id).events().stream().filter(e -> e.kind() == TranscriptEvent.Kind.SPEAK)
                .map(TranscriptEvent::text).toList();
    }

    List<TranscriptEvent> events(String id, TranscriptEvent.Kind kind) {
        return view(id).events().stream().filter(e -> e.kind() == kind).toList();
    }

    private CallSimulator.Outcome played(Supplier<CallSimulator.Outcome> action) {
        CallSimulator.Outcome outcome = action.get();
        scheduler.runAll();
        return outcome;
    }
}
