package com.inspireworks.ivr.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The simulator's own threads: a small fixed pool that runs every simulated call's work (the requests to the
 * application, the timers). Requests from the browser only queue work here, so a flood of key presses costs the
 * server at most {@code threads} threads doing webhooks, never its request threads. The queue is bounded by
 * construction: {@link CallSimulator} keeps at most one task per call in it, plus each call's one timer.
 * {@link #close()} stops the threads and waits briefly for them, so an undeploy leaves none behind.
 */
public final class SimulatorThreads implements SimulatorScheduler {

    private static final Logger LOG = Logger.getLogger(SimulatorThreads.class.getName());
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final Clock clock;
    private final ScheduledThreadPoolExecutor pool;
    private final List<Thread> started = new CopyOnWriteArrayList<>();

    /**
     * @param clock the clock {@link #schedule} instants are read against
     * @param threads how many calls may be worked on at once
     */
    public SimulatorThreads(Clock clock, int threads) {
        this.clock = clock;
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "ivr-simulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            started.add(thread);
            return thread;
        };
        this.pool = new ScheduledThreadPoolExecutor(threads, factory);
        pool.setRemoveOnCancelPolicy(true);
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(guarded(task));
    }

    @Override
    public Cancellable schedule(Instant at, Runnable task) {
        long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        ScheduledFuture<?> future = pool.schedule(guarded(task), delay, TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        try {
            // The pool counts as terminated while its last worker is still on its way out: join the threads too, so
            // that nothing of ours is alive when the container checks for leftover threads after undeploy.
            boolean stopped = pool.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            for (Thread thread : started) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left > 0) {
                    thread.join(left);
                }
                stopped &= !thread.isAlive();
            }
            if (!stopped) {
                LOG.warning("Simulator threads did not stop within " + STOP_WAIT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A failing task must not take its thread's scheduled work down with it, nor go unnoticed. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Simulator task failed", e);
            }
        };
    }
}
