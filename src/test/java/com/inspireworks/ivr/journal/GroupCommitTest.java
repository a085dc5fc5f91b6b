package com.inspireworks.ivr.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    private static PendingEvent hangup(String call) {
        return PendingEvent.ended(new CallEnded(new PlivoCallParameters(Optional.of(call), Map.of("CallUUID",
                "uuid-" + call, "CallStatus", "completed")), Instant.parse("2026-11-30T10:00:00Z"))).orElseThrow();
    }

    /** A store that links every event to its own call id and remembers each commit's events. */
    private static final class RecordingStore implements GroupCommit.Store {
        final List<List<String>> commits = new CopyOnWriteArrayList<>();
        final CountDownLatch firstCommitEntered = new CountDownLatch(1);
        final CountDownLatch releaseFirstCommit = new CountDownLatch(1);
        volatile SQLException failure;
        final Set<String> refused = ConcurrentHashMap.newKeySet();

        @Override
        public List<Optional<String>> commit(List<PendingEvent> events) throws SQLException {
            List<String> calls = new ArrayList<>();
            events.forEach(event -> calls.add(event.callId().orElseThrow()));
            commits.add(calls);
            if (commits.size() == 1) {
                firstCommitEntered.countDown();
                try {
                    assertTrue(releaseFirstCommit.await(30, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            for (String call : calls) {
                if (refused.contains(call)) {
                    throw new SQLException("value too long for type character varying(128)", "22001");
                }
            }
            List<Optional<String>> linked = new ArrayList<>();
            calls.forEach(call -> linked.add(Optional.of(call)));
            return linked;
        }
    }

    private Future<Optional<String>> commitLater(GroupCommit group, String call) {
        return callers.submit(() -> group.commit(hangup(call)));
    }

    /** "call-1" is being committed, held inside the store until {@code store.releaseFirstCommit}. */
    private Future<Optional<String>> firstCommitHeld(GroupCommit group, RecordingStore store)
            throws InterruptedException {
        Future<Optional<String>> first = commitLater(group, "call-1");
        assertTrue(store.firstCommitEntered.await(30, TimeUnit.SECONDS), "the first commit never reached the store");
        return first;
    }

    /** Waits until {@code n} callers are waiting behind the commit in progress (they are parked in the group). */
    private static void awaitWaiting(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (waitingThreads() < n) {
            assertTrue(System.nanoTime() < deadline, "callers never queued behind the commit in progress");
            Thread.sleep(5);
        }
    }

    private static long waitingThreads() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(entry -> entry.getKey().getState() == Thread.State.WAITING)
                .filter(entry -> List.of(entry.getValue()).stream().anyMatch(frame -> frame.getMethodName()
                        .equals("awaitTurn")))
                .count();
    }

    @Test
    void hangupsArrivingDuringACommitAreCommittedTogetherInTheNextOne() throws Exception {
        RecordingStore store = new RecordingStore();
        GroupCommit group = new GroupCommit(store);
        Future<Optional<String>> first = firstCommitHeld(group, store);
        List<Future<Optional<String>>> later = new ArrayList<>();
        for (int i = 2; i <= 6; i++) {
            later.add(commitLater(group, "call-" + i));
        }
        awaitWaiting(5);
        assertTrue(later.stream().noneMatch(Future::isDone), "nobody returns before their hangup is committed");
        store.releaseFirstCommit.countDown();
        assertEquals(Optional.of("call-1"), first.get(30, TimeUnit.SECONDS));
        for (int i = 0; i < later.size(); i++) {
            assertEquals(Optional.of("call-" + (i + 2)), later.get(i).get(30, TimeUnit.SECONDS),
                    "each caller gets its own event's call");
        }
        assertEquals(2, store.commits.size(), "two transactions for six hangups: " + store.commits);
        assertEquals(Set.of("call-2", "call-3", "call-4", "call-5", "call-6"), Set.copyOf(store.commits.get(1)));
    }

    @Test
    void aHangupAloneIsCommittedAtOnce() throws Exception {
        RecordingStore store = new RecordingStore();
        store.releaseFirstCommit.countDown();
        GroupCommit group = new GroupCommit(store);
        assertEquals(Optional.of("a"), group.commit(hangup("a")));
        assertEquals(Optional.of("b"), group.commit(hangup("b")));
        assertEquals(List.of(List.of("a"), List.of("b")), store.commits);
    }

    @Test
    void oneEventTheDatabaseRefusesDoesNotRefuseTheOthersInItsGroup() throws Exception {
        RecordingStore store = new RecordingStore();
        store.refused.add("call-bad");
        GroupCommit group = new GroupCommit(store);
        Future<Optional<String>> first = firstCommitHeld(group, store);
        Future<Optional<String>> good = commitLater(group, "call-good");
        Future<Optional<String>> bad = commitLater(group, "call-bad");
        Future<Optional<String>> alsoGood = commitLater(group, "call-also-good");
        awaitWaiting(3);
        store.releaseFirstCommit.countDown();
        assertEquals(Optional.of("call-1"), first.get(30, TimeUnit.SECONDS));
        assertEquals(Optional.of("call-good"), good.get(30, TimeUnit.SECONDS));
        assertEquals(Optional.of("call-also-good"), alsoGood.get(30, TimeUnit.SECONDS));
        var refused = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> bad.get(30, TimeUnit.SECONDS));
        assertEquals("22001", ((SQLException) refused.getCause()).getSQLState(), "the refused one gets the reason");
    }

    @Test
    void whenTheDatabaseIsDownEveryoneInTheGroupGetsTheErrorAtOnce() throws Exception {
        RecordingStore store = new RecordingStore();
        GroupCommit group = new GroupCommit(store);
        Future<Optional<String>> first = firstCommitHeld(group, store);
        List<Future<Optional<String>>> later = List.of(commitLater(group, "call-2"), commitLater(group, "call-3"));
        awaitWaiting(2);
        SQLException down = new SQLTransientConnectionException("Connection is not available", "08001");
        store.failure = down;
        store.releaseFirstCommit.countDown();
        for (Future<Optional<String>> caller : List.of(first, later.get(0), later.get(1))) {
            var failed = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> caller.get(30, TimeUnit.SECONDS));
            assertSame(down, failed.getCause());
        }
        assertEquals(2, store.commits.size(), "no event tried again alone: " + store.commits);
    }

    @Test
    void underSteadyConcurrencyEveryHangupIsCommittedOnceAndTransactionsAreShared() throws Exception {
        RecordingStore store = new RecordingStore();
        store.releaseFirstCommit.countDown();
        GroupCommit group = new GroupCommit(events -> {
            try {
                Thread.sleep(2); // a commit takes time: a log flush
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return store.commit(events);
        });
        List<Future<Optional<String>>> all = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            all.add(commitLater(group, "c" + i));
        }
        for (int i = 0; i < all.size(); i++) {
            assertEquals(Optional.of("c" + i), all.get(i).get(60, TimeUnit.SECONDS));
        }
        List<String> committed = new ArrayList<>();
        store.commits.forEach(committed::addAll);
        assertEquals(2_000, committed.size(), "each hangup committed exactly once");
        assertEquals(2_000, Set.copyOf(committed).size());
        assertTrue(store.commits.stream().allMatch(commit -> commit.size() <= GroupCommit.MAX_GROUP));
        assertTrue(store.commits.size() < 2_000, "some commits were shared: " + store.commits.size());
    }
}
