package com.inspireworks.ivr.simulator;

import com.inspireworks.ivr.support.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.PriorityQueue;
import java.util.concurrent.RejectedExecutionException;

/**
 * A {@link SimulatorScheduler} for unit tests: nothing runs until the test says so, on the test's own thread.
 * {@link #runAll()} works off queued tasks; {@link #advance(Duration)} moves the {@link ManualClock} forward, running
 * every task that falls due on the way at its own instant. No threads, no sleeping, fully deterministic.
 */
final class ManualScheduler implements SimulatorScheduler {

    private record Timer(Instant at, long order, Runnable task, boolean[] cancelled) {
    }

    private final ManualClock clock;
    private final Deque<Runnable> queue = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            Comparator.comparing(Timer::at).thenComparingLong(Timer::order));
    private long order;
    private boolean closed;

    ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public void execute(Runnable task) {
        if (closed) {
            throw new RejectedExecutionException("closed");
        }
        queue.add(task);
    }

    @Override
    public Cancellable schedule(Instant at, Runnable task) {
        if (closed) {
            throw new RejectedExecutionException("closed");
        }
        boolean[] cancelled = {false};
        timers.add(new Timer(at, order++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        timers.clear();
    }

    /** Runs queued tasks (and the tasks they queue) until none is left; deadlines that are due run too. */
    void runAll() {
        for (int i = 0; i < 100_000; i++) {
            Runnable next = queue.poll();
            if (next == null) {
                Timer due = timers.peek();
                if (due == null || due.at().isAfter(clock.instant())) {
                    return;
                }
                timers.poll();
                if (!due.cancelled()[0]) {
                    due.task().run();
                }
                continue;
            }
            next.run();
        }
        throw new IllegalStateException("The simulator's tasks do not stop queueing more tasks");
    }

    /** Moves the clock on by {@code duration}, running what falls due at its instant, then everything queued. */
    void advance(Duration duration) {
        Instant target = clock.instant().plus(duration);
        runAll();
        while (true) {
            Timer due = timers.peek();
            if (due == null || due.at().isAfter(target)) {
                break;
            }
            if (due.at().isAfter(clock.instant())) {
                clock.advance(Duration.between(clock.instant(), due.at()));
            }
            runAll();
        }
        if (target.isAfter(clock.instant())) {
            clock.advance(Duration.between(clock.instant(), target));
        }
        runAll();
    }

    /** Tasks queued and not run yet. */
    int queued() {
        return queue.size();
    }
}
