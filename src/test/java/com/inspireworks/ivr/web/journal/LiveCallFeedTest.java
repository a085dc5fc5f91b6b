package com.inspireworks.ivr.web.journal;

import static com.inspireworks.ivr.web.journal.SampleCalls.T0;
import static com.inspireworks.ivr.web.journal.SampleCalls.call;
import static com.inspireworks.ivr.web.journal.SampleCalls.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.inspireworks.ivr.journal.CallState;
import com.inspireworks.ivr.web.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveCallFeedTest {

    static final String ID = "6f1c2a4e-8b9d-4c3e-9f00-123456789abc";
    static final Duration LONG = Duration.ofHours(1);

    final FakeCallHistory history = new FakeCallHistory();
    LiveCallFeed feed;

    /** A client that keeps what it is sent; it can be told to refuse (gone). */
    static final class Recorder implements LiveCallFeed.Client {
        final List<String> frames = new CopyOnWriteArrayList<>();
        volatile boolean gone;
        volatile boolean closed;

        @Override
        public boolean send(String frame) {
            if (gone) {
                return false;
            }
            frames.add(frame);
            return true;
        }

        @Override
        public void close() {
            closed = true;
        }

        List<Long> ids() {
            List<Long> ids = new ArrayList<>();
            for (String frame : frames) {
                if (frame.startsWith("id: ")) {
                    ids.add(Long.parseLong(frame.substring(4, frame.indexOf('\n'))));
                }
            }
            return ids;
        }
    }

    @AfterEach
    void close() {
        if (feed != null) {
            feed.close();
        }
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    /** Waits until everything queued on the feed's thread so far has run. */
    void settle() throws InterruptedException {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        feed.run(done::countDown);
        assertTrue(done.await(5, java.util.concurrent.TimeUnit.SECONDS));
    }

    void storeStep(long id, String type) {
        history.store(event(id, ID, T0.plusSeconds(id), type));
    }

    @Test
    void aStepStoredByThisInstanceReachesEveryClientAtOnceWithItsCall() throws Exception {
        history.add(call(ID).state(CallState.IN_PROGRESS).build());
        storeStep(1, "requested");
        feed = new LiveCallFeed(history, 10, LONG, LONG);
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        assertTrue(feed.admit());
        feed.join(first, OptionalLong.empty());
        assertTrue(feed.admit());
        feed.join(second, OptionalLong.empty());
        settle();
        assertEquals(List.of(), first.frames, "a client without Last-Event-ID starts from now");

        history.store(event(2, ID, T0, "language", "es", "2", 1, Map.of()));
        await(() -> first.frames.size() == 1 && second.frames.size() == 1, "the step");
        String frame = first.frames.get(0);
        assertTrue(frame.startsWith("id: 2\ndata: {"), frame);
        assertTrue(frame.endsWith("}\n\n"), frame);
        assertEquals(3, frame.split("\n", -1).length - 1, "id, data, blank line: " + frame);
        JsonNode data = Json.MAPPER.readTree(frame.substring(frame.indexOf("data: ") + 6).strip());
        assertEquals("language", data.get("step").get("type").asText());
        assertEquals("chose Español", data.get("step").get("words").asText());
        assertEquals(ID, data.get("call").get("id").asText());
        assertEquals("in-progress", data.get("call").get("state").asText());
        assertEquals(first.frames, second.frames);
    }

    @Test
    void stepsStoredByOtherInstancesArriveWithThePoll() throws Exception {
        history.add(call(ID).build());
        feed = new LiveCallFeed(history, 10, LONG, Duration.ofMillis(20));
        Recorder client = new Recorder();
        feed.admit();
        feed.join(client, OptionalLong.empty());
        settle();
        history.events.add(event(1, ID, T0, "answered")); // no listener: another instance wrote it
        await(() -> client.ids().equals(List.of(1L)), "the polled step");
    }

    @Test
    void aReconnectingClientCatchesUpFromItsLastEventIdThenFollowsLive() throws Exception {
        history.add(call(ID).build());
        for (long id = 1; id <= 5; id++) {
            storeStep(id, "menu");
        }
        feed = new LiveCallFeed(history, 10, LONG, LONG);
        Recorder watcher = new Recorder();
        feed.admit();
        feed.join(watcher, OptionalLong.empty());
        Recorder returning = new Recorder();
        feed.admit();
        feed.join(returning, OptionalLong.of(2));
        settle();
        assertEquals(List.of(3L, 4L, 5L), returning.ids());
        storeStep(6, "hangup");
        await(() -> returning.ids().size() == 4 && watcher.ids().size() == 1, "the new step");
        assertEquals(List.of(3L, 4L, 5L, 6L), returning.ids(), "each step once, in order");
        assertEquals(List.of(6L), watcher.ids());
    }

    @Test
    void aClientTooFarBehindIsToldToReload() throws Exception {
        history.add(call(ID).build());
        for (long id = 1; id <= LiveCallFeed.MAX_CATCH_UP + LiveCallFeed.BATCH + 5; id++) {
            history.events.add(event(id, ID, T0, "menu"));
        }
        feed = new LiveCallFeed(history, 10, LONG, LONG);
        Recorder client = new Recorder();
        feed.admit();
        feed.join(client, OptionalLong.of(1));
        settle();
        assertEquals(LiveCallFeed.MAX_CATCH_UP, client.ids().size());
        String last = client.frames.get(client.frames.size() - 1);
        assertTrue(last.startsWith("event: reset\ndata: "), last);
    }

    @Test
    void everyClientGetsAHeartbeat() throws Exception {
        feed = new LiveCallFeed(history, 10, Duration.ofMillis(20), LONG);
        Recorder client = new Recorder();
        feed.admit();
        feed.join(client, OptionalLong.empty());
        await(() -> client.frames.contains(LiveCallFeed.HEARTBEAT), "a heartbeat");
    }

    @Test
    void aClientThatIsGoneIsDroppedAndItsPlaceGivenBack() throws Exception {
        history.add(call(ID).build());
        feed = new LiveCallFeed(history, 1, LONG, LONG);
        Recorder client = new Recorder();
        assertTrue(feed.admit());
        assertFalse(feed.admit(), "one place only");
        feed.join(client, OptionalLong.empty());
        settle();
        client.gone = true;
        storeStep(1, "answered");
        settle();
        settle();
        int reads = history.eventReads.get();
        feed.release();
        assertTrue(feed.admit(), "released");
        storeStep(2, "hangup");
        settle();
        settle();
        assertEquals(reads, history.eventReads.get(), "nobody listens: the journal is not read for nobody");
    }

    @Test
    void theClientsHearWhenTheJournalGoesAndComesBack() throws Exception {
        history.add(call(ID).build());
        feed = new LiveCallFeed(history, 10, LONG, Duration.ofMillis(20));
        Recorder client = new Recorder();
        feed.admit();
        feed.join(client, OptionalLong.empty());
        settle();
        history.down.set(true);
        await(() -> client.frames.stream().anyMatch(f -> f.contains("\"available\":false")), "journal down");
        history.events.add(event(1, ID, T0, "answered"));
        history.down.set(false);
        await(() -> client.frames.stream().anyMatch(f -> f.contains("\"available\":true")), "journal back");
        await(() -> client.ids().equals(List.of(1L)), "the step stored meanwhile");
        assertEquals(1, client.frames.stream().filter(f -> f.contains("\"available\":false")).count(), "told once");
    }

    @Test
    void aCallIsLookedUpOncePerBatchWhateverTheNumberOfClients() throws Exception {
        history.add(call(ID).build());
        feed = new LiveCallFeed(history, 10, LONG, LONG);
        List<Recorder> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Recorder client = new Recorder();
            feed.admit();
            feed.join(client, OptionalLong.empty());
            clients.add(client);
        }
        settle();
        history.events.add(event(1, ID, T0, "answered"));
        history.events.add(event(2, ID, T0, "language", "en", "1", 1, Map.of()));
        history.listeners.forEach(Runnable::run);
        await(() -> clients.stream().allMatch(c -> c.ids().size() == 2), "both steps everywhere");
        assertEquals(1, history.finds.get());
    }

    @Test
    void closingStopsTheThreadUnsubscribesAndClosesTheClients() throws Exception {
        feed = new LiveCallFeed(history, 10, Duration.ofMillis(10), Duration.ofMillis(10));
        Recorder client = new Recorder();
        feed.admit();
        feed.join(client, OptionalLong.empty());
        settle();
        assertTrue(threadRuns(), "the feed's thread runs");
        feed.close();
        feed = null;
        assertTrue(client.closed);
        assertTrue(history.listeners.isEmpty(), "unsubscribed");
        assertFalse(threadRuns(), "no thread left behind");
    }

    static boolean threadRuns() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals(LiveCallFeed.THREAD) && thread.isAlive());
    }
}
