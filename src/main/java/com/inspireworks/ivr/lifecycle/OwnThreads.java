package com.inspireworks.ivr.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * Threads this deployment started, or a library started for it (OkHttp's task runner, the JDK HTTP client of the
 * simulator, HikariCP's pool), and waiting for them to end when the application stops. An executor or a pool counts
 * as terminated while its last thread is still on its way out; the container looks for threads left behind right
 * after undeploy and reports them as leaks. So whoever stops such threads also joins them, within a bound.
 */
public final class OwnThreads {

    private OwnThreads() {
    }

    /** The live threads of {@code group} and its subgroups. */
    public static List<Thread> in(ThreadGroup group) {
        Thread[] found = new Thread[group.activeCount() + 16];
        int count;
        while ((count = group.enumerate(found, true)) == found.length) {
            found = new Thread[found.length * 2];
        }
        List<Thread> live = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (found[i].isAlive()) {
                live.add(found[i]);
            }
        }
        return live;
    }

    /**
     * The live threads of the whole JVM whose name {@code name} accepts and whose context class loader is
     * {@code loader}: threads started from this application's code inherit its class loader, which tells them from
     * another deployment's threads of the same name.
     */
    public static List<Thread> named(Predicate<String> name, ClassLoader loader) {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        List<Thread> found = new ArrayList<>();
        for (Thread thread : in(root)) {
            if (name.test(thread.getName()) && thread.getContextClassLoader() == loader) {
                found.add(thread);
            }
        }
        return found;
    }

    /**
     * Waits until {@code threads} have ended, for at most {@code wait} in all; returns those still alive. An interrupt
     * ends the wait early (and stays set).
     */
    public static List<Thread> awaitEnd(Collection<Thread> threads, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                thread.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Thread> alive = new ArrayList<>();
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                alive.add(thread);
            }
        }
        return alive;
    }
}
