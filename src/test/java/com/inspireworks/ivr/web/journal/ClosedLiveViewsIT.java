package com.inspireworks.ivr.web.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.support.EmbeddedIvr;
import com.inspireworks.ivr.support.FakePlivoApi;
import com.inspireworks.ivr.support.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Live views whose browser went away, in the built WAR on Tomcat: the container ends such a stream on a thread of its
 * own and recycles its response for the next request, on any connection. The feed's thread, which found the client
 * gone by a failed write, must by then be out of that response, or what it still does there lands on that other
 * request: a CSV export was broken off without its last chunk that way ({@code chunked transfer encoding, state:
 * READING_LENGTH} in the client).
 */
class ClosedLiveViewsIT {

    /** How long the feed's thread lets the container handle the error it dispatched before going on. */
    static final long HEAD_START_MILLIS = 250;

    /**
     * The connector's worker threads, giving the container's handling of an error a head start over the feed's
     * thread that dispatched it: the feed's thread goes on once that handling is done, or after
     * {@link #HEAD_START_MILLIS} (when the handling waits for the feed's thread itself). A busy machine does the same
     * now and then, when it runs the worker first; here it always does, so the race is lost every time it can be.
     */
    static final class ContainerFirst implements Executor {
        final ExecutorService workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "test-http-worker");
            thread.setDaemon(true);
            return thread;
        });
        final AtomicInteger headStarts = new AtomicInteger();

        @Override
        public void execute(Runnable task) {
            if (!Thread.currentThread().getName().equals(LiveCallFeed.THREAD)) {
                workers.execute(task);
                return;
            }
            headStarts.incrementAndGet();
            CountDownLatch done = new CountDownLatch(1);
            workers.execute(() -> {
                try {
                    task.run();
                } finally {
                    done.countDown();
                }
            });
            try {
                done.await(HEAD_START_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void streamsWhoseClientLeftNeverBreakTheResponsesServedAfterThem() throws Exception {
        ContainerFirst executor = new ContainerFirst();
        FakePlivoApi plivo = new FakePlivoApi();
        int port = EmbeddedIvr.freePort();
        String base = "http://127.0.0.1:" + port;
        EmbeddedIvr ivr = EmbeddedIvr.on(port).executor(executor).jndi(plivo.settings(Map.of(
                "ivr.public-url", base,
                "ivr.max-calls-per-minute", "1000",
                "ivr.max-calls-per-hour", "1000",
                "ivr.max-concurrent-operator-requests", "100"))).start();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> readers = new ArrayList<>();
        try {
            Http streams = Http.operator(ivr);
            Http caller = Http.operator(ivr);
            AtomicInteger exports = new AtomicInteger();
            ConcurrentLinkedQueue<String> broken = new ConcurrentLinkedQueue<>();
            // Exports (a chunked response the servlet flushes itself) all along, each reader on connections of its own.
            for (int r = 0; r < 3; r++) {
                Http reader = Http.operator(ivr);
                Thread thread = new Thread(() -> {
                    while (!stop.get()) {
                        try {
                            HttpResponse<String> csv = reader.get("/calls/export.csv?limit=3");
                            if (csv.statusCode() != 200 || !csv.body().startsWith("id,")) {
                                broken.add("HTTP " + csv.statusCode() + ": " + csv.body());
                            }
                            exports.incrementAndGet();
                        } catch (RuntimeException e) {
                            broken.add(e.toString());
                        }
                    }
                }, "test-export-reader");
                thread.setDaemon(true);
                thread.start();
                readers.add(thread);
            }
            int number = 0;
            for (int round = 0; round < 6; round++) {
                // Browsers that open the live view and go away ...
                List<EventStreamClient> open = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    EventStreamClient stream = EventStreamClient.open(streams, "/api/calls/events", Map.of());
                    open.add(stream);
                    assertEquals(200, stream.status(), "48 streams in all, 50 allowed");
                    assertNotNull(stream.next(Duration.ofSeconds(10)), "the stream's first frame");
                }
                open.forEach(EventStreamClient::close);
                // ... and calls whose steps the feed writes to them: the first write still goes out, the next fails.
                for (int i = 0; i < 3; i++) {
                    HttpResponse<String> placed = caller.postJson("/make-call",
                            "{\"to\":\"+141555501" + String.format("%02d", number++) + "\"}");
                    assertEquals(201, placed.statusCode(), placed.body());
                    Thread.sleep(50);
                }
            }
            Thread.sleep(500);
            stop.set(true);
            for (Thread reader : readers) {
                reader.join(TimeUnit.SECONDS.toMillis(30));
            }
            System.out.println("Closed live views: " + exports.get() + " exports served meanwhile, "
                    + executor.headStarts.get() + " errors dispatched by the feed's thread, " + broken.size()
                    + " exports broken");
            assertTrue(executor.headStarts.get() > 0, "the feed's thread found closed streams");
            assertEquals(List.of(), new ArrayList<>(broken), "exports broken while closed live views ended");
        } finally {
            stop.set(true);
            ivr.close();
            plivo.close();
            executor.workers.shutdownNow();
        }
    }
}
