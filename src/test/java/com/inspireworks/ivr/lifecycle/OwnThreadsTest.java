package com.inspireworks.ivr.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OwnThreadsTest {

    private static Thread started(String name, ClassLoader loader, CountDownLatch release) {
        Thread thread = new Thread(() -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.setContextClassLoader(loader);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Test
    void findsThisApplicationsThreadsByNameNotAnotherDeploymentsOfTheSameName() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ClassLoader ours = new URLClassLoader(new URL[0]);
        ClassLoader theirs = new URLClassLoader(new URL[0]);
        Thread mine = started("test-pool:closer", ours, release);
        Thread other = started("test-pool:closer", theirs, release);
        Thread unrelated = started("something-else", ours, release);
        try {
            assertEquals(List.of(mine), OwnThreads.named(name -> name.startsWith("test-pool:"), ours));
        } finally {
            release.countDown();
            for (Thread thread : List.of(mine, other, unrelated)) {
                thread.join(10_000);
            }
        }
        assertEquals(List.of(), OwnThreads.named(name -> name.startsWith("test-pool:"), ours), "ended: not found");
    }

    @Test
    void awaitEndWaitsForThreadsOnTheirWayOutAndNamesThoseThatDoNotEnd() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        ClassLoader loader = getClass().getClassLoader();
        Thread leaving = started("leaving", loader, release);
        Thread staying = started("staying", loader, never);
        try {
            new Thread(() -> {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                release.countDown();
            }).start();
            List<Thread> alive = OwnThreads.awaitEnd(List.of(leaving, staying), Duration.ofMillis(1_500));
            assertFalse(leaving.isAlive(), "joined: it had ended when awaitEnd returned");
            assertEquals(List.of(staying), alive);
        } finally {
            never.countDown();
            staying.join(10_000);
        }
    }

    @Test
    void findsTheThreadsOfAGroupAndItsSubgroups() throws Exception {
        ThreadGroup group = new ThreadGroup("client");
        ThreadGroup sub = new ThreadGroup(group, "selector");
        CountDownLatch release = new CountDownLatch(1);
        Thread worker = new Thread(group, () -> await(release), "worker");
        Thread selector = new Thread(sub, () -> await(release), "selector");
        worker.start();
        selector.start();
        try {
            List<Thread> found = OwnThreads.in(group);
            assertEquals(2, found.size());
            assertTrue(found.containsAll(List.of(worker, selector)));
        } finally {
            release.countDown();
            worker.join(10_000);
            selector.join(10_000);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
