package com.inspireworks.ivr.simulator;

import com.inspireworks.ivr.calls.CallRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The simulated calls of this application: places them, finds them for the operator who placed them, and queues
 * what that operator does to them. Nothing here blocks a request thread: actions are queued per call (bounded) and
 * worked off by the {@link SimulatorScheduler}'s few threads, one action of one call at a time, so a request never
 * waits for a webhook and the simulator never uses more than the scheduler's threads for its requests to the
 * application. Each call's deadlines (speech, timeouts, ringing, time limit) run on the same threads when the clock
 * reaches them, and calls nobody looked at for {@code idleExpiry} are hung up and then forgotten by a sweep.
 *
 * <p>Bounded in every direction: at most {@link Limits#maxCalls()} calls (ended calls make room, oldest first; live
 * calls are never dropped), {@link Limits#queuedPerCall()} queued actions per call, {@link Limits#queuedPerOperator()}
 * per operator across their calls, {@link Limits#transcriptLimit()} transcript events per call. Thread-safe.
 */
public final class CallSimulator implements AutoCloseable {

    /** Plivo gives up connecting after 2 s. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Plivo waits 40 s; the simulator's person at the phone page should not. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(15);
    /** Threads that work on simulated calls: at most this many webhooks from the simulator at once. */
    public static final int THREADS = 2;
    /** How often calls left alone are looked for. */
    static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private static final Logger LOG = Logger.getLogger(CallSimulator.class.getName());

    /**
     * How much the simulator holds.
     *
     * @param maxCalls simulated calls kept at a time (ringing, in progress or recently ended)
     * @param idleExpiry a call nobody acted on or looked at for this long is hung up and forgotten
     * @param transcriptLimit transcript events per call before it is ended as a loop
     * @param queuedPerCall actions of the person testing that may wait on one call
     * @param queuedPerOperator actions that may wait on all calls of one operator together
     */
    public record Limits(int maxCalls, Duration idleExpiry, int transcriptLimit, int queuedPerCall,
            int queuedPerOperator) {

        public static final Limits DEFAULTS = new Limits(100, Duration.ofMinutes(10), 500, 8, 20);

        public Limits {
            Objects.requireNonNull(idleExpiry);
        }
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

    /** What became of an action of the person testing a call. */
    public sealed interface Outcome {
    }

    /** Queued: it happens shortly, in order; {@code call} is the call as it was when the action was queued. */
    public record Accepted(CallView call) implements Outcome {
    }

    /** No such call for this operator: unknown, forgotten, or placed by someone else. */
    public record Unknown() implements Outcome {
    }

    /** The call has ended; nothing more can be done to it. */
    public record Over(CallView call) implements Outcome {
    }

    /** Too many actions are waiting (on this call, or on this operator's calls); try again shortly. */
    public record TooMany(String message) implements Outcome {
    }

    /** The simulator is shutting down. */
    public record Stopped(String message) implements Outcome {
    }

    private final PlivoXmlInterpreter interpreter;
    private final Clock clock;
    private final SimulatorScheduler scheduler;
    private final Limits limits;
    private final Map<String, Line> lines = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> queuedByOperator = new ConcurrentHashMap<>();
    private final Object placing = new Object();
    private volatile boolean closed;

    public CallSimulator(PlivoXmlInterpreter interpreter, Clock clock, SimulatorScheduler scheduler, Limits limits) {
        this.interpreter = interpreter;
        this.clock = clock;
        this.scheduler = scheduler;
        this.limits = limits;
        scheduleSweep();
    }

    /**
     * Lets the simulated phone ring, as Plivo does once it accepted a create-call request. The request has passed
     * the application's one door ({@code OutboundCaller}): number, destination policy, rate limits, journal. Sends
     * nothing to the application (Plivo fetches the answer URL only once the call is answered).
     */
    public Placement place(CallRequest request) {
        synchronized (placing) {
            if (closed) {
                return new Full("The simulator has stopped.");
            }
            if (lines.size() >= limits.maxCalls() && !forgetOldestEnded()) {
                return new Full("Too many simulated calls in progress (" + limits.maxCalls() + "). Hang up one, or"
                        + " wait: calls nobody looks at end after " + Timing.describe(limits.idleExpiry()) + ".");
            }
            SimulatedCall call = new SimulatedCall(request.callId(), request.requestedBy(),
                    UUID.randomUUID().toString(), UUID.randomUUID().toString(), request.from(), request.to(),
                    request.answerUrl(), request.hangupUrl(), request.timeLimit(), clock, limits.transcriptLimit());
            Line line = new Line(call);
            synchronized (call) {
                interpreter.ring(call);
                line.published = call.view();
                lines.put(call.id(), line);
                armTimer(line);
            }
            LOG.fine(() -> "Simulated call " + call.id() + " to " + request.to());
            return new Placed(line.published);
        }
    }

    /** The call as it is now, for the operator who placed it; empty for anyone else or an unknown id. */
    public Optional<CallView> find(String id, String operator) {
        Line line = line(id, operator);
        if (line == null) {
            return Optional.empty();
        }
        line.touch(clock.instant());
        return Optional.of(line.view(clock.instant()));
    }

    public Outcome answer(String id, String operator) {
        return submit(id, operator, Action.ANSWER);
    }

    public Outcome decline(String id, String operator) {
        return submit(id, operator, Action.DECLINE);
    }

    /** @throws IllegalArgumentException when {@code key} is not one of 0-9, * and # */
    public Outcome press(String id, String operator, char key) {
        if (PlivoXmlReader.ALL_KEYS.indexOf(key) < 0) {
            throw new IllegalArgumentException("A key is one of 0-9, * and #.");
        }
        return submit(id, operator, new Press(key));
    }

    /** Says nothing until the current GetDigits try is over (its prompts and timeout pass at once). */
    public Outcome silence(String id, String operator) {
        return submit(id, operator, Action.SILENCE);
    }

    /** Skips to the end of what the call is doing now (a prompt, a timeout, the ringing, ...). */
    public Outcome fastForward(String id, String operator) {
        return submit(id, operator, Action.FAST_FORWARD);
    }

    public Outcome dialEnded(String id, String operator, DialChoice choice) {
        return submit(id, operator, new DialOutcome(Objects.requireNonNull(choice)));
    }

    /** The phone page's audio player reports how long the recording of transcript event {@code event} is. */
    public Outcome audioLength(String id, String operator, long event, Duration length) {
        return submit(id, operator, new AudioLength(event, Objects.requireNonNull(length)));
    }

    public Outcome hangUp(String id, String operator) {
        return submit(id, operator, Action.HANG_UP);
    }

    /**
     * Stops the simulator's threads and forgets every call; releases the HTTP client (on undeploy). Calls are not
     * reported as hung up.
     */
    @Override
    public void close() {
        closed = true;
        scheduler.close();
        lines.clear();
        interpreter.close();
    }

    /** How many calls are kept (ringing, in progress or recently ended). */
    public int size() {
        return lines.size();
    }

    public Limits limits() {
        return limits;
    }

    // --- queueing --------------------------------------------------------------------------------------------------

    private Outcome submit(String id, String operator, Action action) {
        Line line = line(id, operator);
        if (line == null) {
            return new Unknown();
        }
        Instant now = clock.instant();
        line.touch(now);
        if (closed) {
            return new Stopped("The simulator is shutting down.");
        }
        if (line.published.state() == SimulatedCall.State.ENDED) {
            return new Over(line.view(now));
        }
        AtomicInteger operatorQueue = queuedByOperator.computeIfAbsent(line.call.owner(), o -> new AtomicInteger());
        boolean start;
        synchronized (line) {
            if (line.queuedByCaller >= limits.queuedPerCall()) {
                return new TooMany("This call already has " + limits.queuedPerCall() + " actions waiting to be"
                        + " played out. Wait a moment (the phone page shows when they are done), then try again.");
            }
            if (operatorQueue.incrementAndGet() > limits.queuedPerOperator()) {
                operatorQueue.decrementAndGet();
                return new TooMany("Your simulated calls already have " + limits.queuedPerOperator() + " actions"
                        + " waiting. Wait a moment, then try again.");
            }
            line.queuedByCaller++;
            line.inbox.add(action);
            start = !line.draining;
            line.draining = true;
        }
        if (start && !startDraining(line)) {
            return new Stopped("The simulator is shutting down.");
        }
        return new Accepted(line.view(now));
    }

    /** Queues work of the simulator itself (a deadline, an expiry): not bounded by the person's limits. */
    private void post(Line line, Action action) {
        boolean start;
        synchronized (line) {
            line.inbox.add(action);
            start = !line.draining;
            line.draining = true;
        }
        if (start) {
            startDraining(line);
        }
    }

    private boolean startDraining(Line line) {
        try {
            scheduler.execute(() -> drain(line));
            return true;
        } catch (RejectedExecutionException e) {
            synchronized (line) {
                line.draining = false;
            }
            return false;
        }
    }

    /**
     * Works off ONE action of the call, then queues itself again if more are waiting: calls take turns on the
     * scheduler's threads, so one busy call cannot hold a thread for all its queued actions.
     */
    private void drain(Line line) {
        Action action;
        synchronized (line) {
            action = line.inbox.poll();
            if (action == null) {
                line.draining = false;
                return;
            }
        }
        try {
            synchronized (line.call) {
                try {
                    if (!closed) {
                        work(line, action);
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "Simulated call " + line.call.id() + " failed on " + action, e);
                } finally {
                    line.published = line.call.view();
                    armTimer(line);
                }
            }
        } finally {
            if (action.fromCaller()) {
                synchronized (line) {
                    line.queuedByCaller--;
                }
                queuedByOperator.get(line.call.owner()).decrementAndGet();
            }
        }
        boolean more;
        synchronized (line) {
            more = !line.inbox.isEmpty();
            if (!more) {
                line.draining = false;
            }
        }
        if (more && !closed) {
            startDraining(line);
        }
    }

    private void work(Line line, Action action) {
        SimulatedCall call = line.call;
        interpreter.settle(call);
        call.catchUp();
        if (action instanceof Press press) {
            interpreter.press(call, press.key());
        } else if (action instanceof DialOutcome outcome) {
            interpreter.dialEnded(call, outcome.choice());
        } else if (action instanceof AudioLength audio) {
            interpreter.audioLength(call, audio.event(), audio.length());
        } else {
            switch ((Action.Simple) action) {
                case ANSWER -> interpreter.answer(call);
                case DECLINE -> interpreter.decline(call);
                case HANG_UP -> interpreter.hangUp(call);
                case SILENCE -> interpreter.silence(call);
                case FAST_FORWARD -> interpreter.fastForward(call);
                case EXPIRE -> interpreter.expire(call, limits.idleExpiry());
                case WAKE -> line.timerAt = null;   // the timer that posted this has fired
                default -> throw new IllegalStateException(action.toString());
            }
        }
        interpreter.settle(call);
    }

    /** One timer per call, at its next deadline; moved when the deadline moves. Called under the call's lock. */
    private void armTimer(Line line) {
        Optional<Instant> due = line.call.nextDue().map(line.call::wallTime);
        if (due.isPresent() && due.get().equals(line.timerAt)) {
            return;
        }
        if (line.timer != null) {
            line.timer.cancel();
            line.timer = null;
        }
        line.timerAt = null;
        if (due.isPresent() && !closed) {
            try {
                line.timer = scheduler.schedule(due.get(), () -> post(line, Action.WAKE));
                line.timerAt = due.get();
            } catch (RejectedExecutionException e) {
                // shutting down
            }
        }
    }

    // --- expiry ----------------------------------------------------------------------------------------------------

    private void scheduleSweep() {
        try {
            scheduler.schedule(clock.instant().plus(SWEEP_INTERVAL), () -> {
                sweep();
                if (!closed) {
                    scheduleSweep();
                }
            });
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    /** Hangs up calls nobody looked at for {@code idleExpiry}; forgets them once ended. */
    private void sweep() {
        Instant cutoff = clock.instant().minus(limits.idleExpiry());
        for (Line line : lines.values()) {
            if (!line.lastActivity.isBefore(cutoff)) {
                continue;
            }
            if (line.published.state() != SimulatedCall.State.ENDED) {
                post(line, Action.EXPIRE);
            } else if (forget(line)) {
                LOG.fine(() -> "Forgot simulated call " + line.call.id());
            }
        }
    }

    private boolean forgetOldestEnded() {
        Optional<Line> oldest = lines.values().stream()
                .filter(line -> line.published.state() == SimulatedCall.State.ENDED)
                .min(Comparator.comparing(line -> line.published.endedAt().orElse(Instant.MAX)));
        return oldest.isPresent() && forget(oldest.get());
    }

    /** Forgets an ended call that has no work queued. */
    private boolean forget(Line line) {
        synchronized (line) {
            if (line.draining) {
                return false;
            }
            return lines.remove(line.call.id(), line);
        }
    }

    private Line line(String id, String operator) {
        if (id == null || operator == null) {
            return null;
        }
        Line line = lines.get(id);
        return line != null && line.call.owner().equals(operator) ? line : null;
    }

    // --- the parts -------------------------------------------------------------------------------------------------

    /** A call with its queue of actions and the view the browser reads without waiting for the call's thread. */
    private static final class Line {
        final SimulatedCall call;
        /** Guarded by this. */
        final Deque<Action> inbox = new ArrayDeque<>();
        /** Guarded by this: a drain task is queued or running. */
        boolean draining;
        /** Guarded by this: actions of the person testing, queued or running. */
        int queuedByCaller;
        volatile CallView published;
        volatile Instant lastActivity;
        /** Guarded by the call's lock. */
        SimulatorScheduler.Cancellable timer;
        Instant timerAt;

        Line(SimulatedCall call) {
            this.call = call;
            this.lastActivity = call.createdAt();
        }

        void touch(Instant now) {
            lastActivity = now;
        }

        CallView view(Instant now) {
            int pending;
            synchronized (this) {
                pending = queuedByCaller;
            }
            return published.observed(now, pending);
        }
    }

    /** Something to do to a call, by the person testing it or by the simulator itself. */
    private sealed interface Action permits Action.Simple, Press, DialOutcome, AudioLength {

        Simple ANSWER = Simple.ANSWER;
        Simple DECLINE = Simple.DECLINE;
        Simple HANG_UP = Simple.HANG_UP;
        Simple SILENCE = Simple.SILENCE;
        Simple FAST_FORWARD = Simple.FAST_FORWARD;
        Simple EXPIRE = Simple.EXPIRE;
        Simple WAKE = Simple.WAKE;

        /** Counts against the person's queue limits (the simulator's own deadlines and expiry do not). */
        default boolean fromCaller() {
            return true;
        }

        enum Simple implements Action {
            ANSWER, DECLINE, HANG_UP, SILENCE, FAST_FORWARD, EXPIRE, WAKE;

            @Override
            public boolean fromCaller() {
                return this != EXPIRE && this != WAKE;
            }
        }
    }

    private record Press(char key) implements Action {
    }

    private record DialOutcome(DialChoice choice) implements Action {
    }

    private record AudioLength(long event, Duration length) implements Action {
    }
}
