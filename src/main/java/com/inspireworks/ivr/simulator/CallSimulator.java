package com.inspireworks.ivr.simulator;

import com.inspireworks.ivr.calls.CallRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * The simulated calls of this application: places them, finds them by id, and lets the person testing act on them.
 * Bounded: at most {@code maxCalls} calls are kept; ended calls make room for new ones (oldest first), calls nobody
 * touched for {@code idleExpiry} are hung up and forgotten. Expiry is lazy: it runs whenever a call is placed or
 * looked up, so no thread of its own is needed. Thread-safe; one call is worked on by one thread at a time.
 */
public final class CallSimulator {

    public static final int DEFAULT_MAX_CALLS = 100;
    public static final Duration DEFAULT_IDLE_EXPIRY = Duration.ofMinutes(10);
    public static final int DEFAULT_TRANSCRIPT_LIMIT = 500;
    /** Plivo gives up connecting after 2 s. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Plivo waits 40 s; the simulator's person at the phone page should not. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    private static final Logger LOG = Logger.getLogger(CallSimulator.class.getName());

    private final PlivoXmlInterpreter interpreter;
    private final Clock clock;
    private final int maxCalls;
    private final Duration idleExpiry;
    private final int transcriptLimit;
    private final Map<String, SimulatedCall> calls = new ConcurrentHashMap<>();

    public CallSimulator(PlivoXmlInterpreter interpreter, Clock clock, int maxCalls, Duration idleExpiry,
            int transcriptLimit) {
        this.interpreter = interpreter;
        this.clock = clock;
        this.maxCalls = maxCalls;
        this.idleExpiry = idleExpiry;
        this.transcriptLimit = transcriptLimit;
    }

    /** What became of a request to place a simulated call. */
    public sealed interface Placement {
    }

    /** The phone rings; nothing was sent to the application yet. */
    public record Placed(CallView call) implements Placement {
    }

    /** Too many simulated calls are in progress. */
    public record Full(String message) implements Placement {
    }

    /**
     * Lets the simulated phone ring, as Plivo does once it accepted a create-call request. The request has passed
     * the application's one door ({@code OutboundCaller}): number, destination policy, rate limits, journal.
     */
    public Placement place(CallRequest request) {
        expireIdle();
        synchronized (calls) {
            if (calls.size() >= maxCalls && !forgetOldestEnded()) {
                return new Full("Too many simulated calls in progress (" + maxCalls + "). Hang up one, or wait: calls"
                        + " left alone end after " + idleExpiry.toMinutes() + " minutes.");
            }
            SimulatedCall call = new SimulatedCall(request.callId(), UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(), request.from(), request.to(), request.answerUrl(),
                    request.hangupUrl(), clock, transcriptLimit);
            synchronized (call) {
                interpreter.ring(call);
            }
            calls.put(call.id(), call);
            LOG.fine(() -> "Simulated call " + call.id() + " to " + request.to());
            return new Placed(call.view());
        }
    }

    /** The call as it is now; empty for an unknown or forgotten id. */
    public Optional<CallView> find(String id) {
        expireIdle();
        return call(id).map(SimulatedCall::view);
    }

    public Optional<CallView> answer(String id) {
        return act(id, (interpreter, call) -> interpreter.answer(call));
    }

    public Optional<CallView> decline(String id) {
        return act(id, (interpreter, call) -> interpreter.decline(call));
    }

    /** @throws IllegalArgumentException when {@code key} is not one of 0-9, * and # */
    public Optional<CallView> press(String id, char key) {
        if (PlivoXmlReader.ALL_KEYS.indexOf(key) < 0) {
            throw new IllegalArgumentException("A key is one of 0-9, * and #.");
        }
        return act(id, (interpreter, call) -> interpreter.press(call, key));
    }

    public Optional<CallView> silence(String id) {
        return act(id, (interpreter, call) -> interpreter.silence(call));
    }

    public Optional<CallView> dialEnded(String id, DialChoice choice) {
        return act(id, (interpreter, call) -> interpreter.dialEnded(call, choice));
    }

    public Optional<CallView> hangUp(String id) {
        return act(id, (interpreter, call) -> interpreter.hangUp(call));
    }

    /** Forgets every call and releases the HTTP client (on undeploy). Calls are not reported as hung up. */
    public void close() {
        calls.clear();
        interpreter.close();
    }

    /** How many calls are kept (ringing, in progress or recently ended). */
    public int size() {
        return calls.size();
    }

    private Optional<CallView> act(String id, BiConsumer<PlivoXmlInterpreter, SimulatedCall> action) {
        expireIdle();
        Optional<SimulatedCall> found = call(id);
        found.ifPresent(call -> {
            synchronized (call) {
                action.accept(interpreter, call);
                call.touch(clock.instant());
            }
        });
        return found.map(SimulatedCall::view);
    }

    private Optional<SimulatedCall> call(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(calls.get(id));
    }

    /** Hangs up and forgets calls left alone too long. */
    private void expireIdle() {
        Instant cutoff = clock.instant().minus(idleExpiry);
        for (SimulatedCall call : calls.values()) {
            boolean idle;
            synchronized (call) {
                idle = call.lastActivity().isBefore(cutoff);
                if (idle) {
                    interpreter.expire(call, idleExpiry);
                }
            }
            if (idle) {
                calls.remove(call.id(), call);
            }
        }
    }

    private boolean forgetOldestEnded() {
        Optional<SimulatedCall> oldest = calls.values().stream()
                .filter(call -> {
                    synchronized (call) {
                        return call.state() == SimulatedCall.State.ENDED;
                    }
                })
                .min(Comparator.comparing(call -> {
                    synchronized (call) {
                        return call.endedAt().orElse(Instant.MAX);
                    }
                }));
        oldest.ifPresent(call -> calls.remove(call.id(), call));
        return oldest.isPresent();
    }
}
