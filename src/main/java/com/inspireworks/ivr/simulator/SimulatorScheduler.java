package com.inspireworks.ivr.simulator;

import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;

/**
 * Where the simulator's work runs: never on a request thread. {@link #execute} runs work soon, {@link #schedule}
 * runs it once the simulator's clock reaches an instant. In the application this is {@link SimulatorThreads} (a few
 * threads of its own, stopped by {@link #close()}); unit tests use a scheduler driven by a manual clock.
 */
public interface SimulatorScheduler extends AutoCloseable {

    /**
     * Runs {@code task} soon on one of the scheduler's threads.
     *
     * @throws RejectedExecutionException when the scheduler is closed or full
     */
    void execute(Runnable task);

    /**
     * Runs {@code task} on one of the scheduler's threads once the clock reaches {@code at} (at once if it has).
     *
     * @return cancels the task if it has not started
     * @throws RejectedExecutionException when the scheduler is closed
     */
    Cancellable schedule(Instant at, Runnable task);

    /** Stops every thread; queued and scheduled tasks are dropped. */
    @Override
    void close();

    /** A scheduled task that can still be called off. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
