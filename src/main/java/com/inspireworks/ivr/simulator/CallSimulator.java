package com.inspireworks.ivr.simulator;

import com.inspireworks.ivr.calls.PhoneNumbers;
import com.inspireworks.ivr.config.IvrSettings;
import com.inspireworks.ivr.config.Secret;
import com.inspireworks.ivr.flow.IvrUrls;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
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
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Plivo waits 40 s; the simulator's person at the phone page should not. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(15);
    /** Caller id of simulated calls when no Plivo number is configured. */
    static final String UNCONFIGURED_CALLER_ID = "simulator";

    private static final Logger LOG = Logger.getLogger(CallSimulator.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PlivoXmlInterpreter interpreter;
    private final Clock clock;
    private final String from;
    private final int maxCalls;
    private final Duration idleExpiry;
    private final int transcriptLimit;
    private final Map<String, SimulatedCall> calls = new ConcurrentHashMap<>();

    /**
     * @param from caller id of simulated calls (our Plivo number)
     */
    public CallSimulator(PlivoXmlInterpreter interpreter, Clock clock, String from, int maxCalls,
            Duration idleExpiry, int transcriptLimit) {
        this.interpreter = interpreter;
        this.clock = clock;
        this.from = from;
        this.maxCalls = maxCalls;
        this.idleExpiry = idleExpiry;
        this.transcriptLimit = transcriptLimit;
    }

    /**
     * The simulator of a configured application: it calls the application at its public URL, signs its requests
     * with the auth token when one is configured, and shows the Plivo number as caller id.
     */
    public static CallSimulator of(IvrSettings settings) {
        IvrUrls urls = new IvrUrls(settings.publicUrl());
        Webhooks webhooks = new HttpWebhooks(urls.base(), settings.authToken().map(Secret::reveal), CONNECT_TIMEOUT,
                READ_TIMEOUT);
        Clock clock = Clock.systemUTC();
        return new CallSimulator(new PlivoXmlInterpreter(webhooks, clock, urls.welcome(), urls.hangup()), clock,
                settings.phoneNumber().orElse(UNCONFIGURED_CALLER_ID), DEFAULT_MAX_CALLS, DEFAULT_IDLE_EXPIRY,
                DEFAULT_TRANSCRIPT_LIMIT);
    }

    /** What became of a request to place a simulated call. */
    public sealed interface Placement {
    }

    /** The phone rings; nothing was sent to the application yet. */
    public record Placed(CallView call) implements Placement {
    }

    /** The number is not one that could be called; the message says why. */
    public record Rejected(String message) implements Placement {
    }

    /** Too many simulated calls are in progress. */
    public record Full(String message) implements Placement {
    }

    /** Validates the number with the same rules as real calls and lets the simulated phone ring. */
    public Placement place(String rawNumber) {
        PhoneNumbers.Parsed parsed = PhoneNumbers.parse(rawNumber);
        if (parsed instanceof PhoneNumbers.Invalid invalid) {
            return new Rejected(invalid.message());
        }
        String to = ((PhoneNumbers.Valid) parsed).e164();
        expireIdle();
        synchronized (calls) {
            if (calls.size() >= maxCalls && !forgetOldestEnded()) {
                return new Full("Too many simulated calls in progress (" + maxCalls + "). Hang up one, or wait: calls"
                        + " left alone end after " + idleExpiry.toMinutes() + " minutes.");
            }
            SimulatedCall call = new SimulatedCall(newId(), UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(), from, to, clock, transcriptLimit);
            synchronized (call) {
                interpreter.ring(call);
            }
            calls.put(call.id(), call);
            LOG.info(() -> "Simulated call " + call.id() + " to " + to);
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

    /** Unguessable: the id is all it takes to act on a call. */
    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
