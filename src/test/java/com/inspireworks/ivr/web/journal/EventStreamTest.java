package com.inspireworks.ivr.web.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The non-blocking writing of one stream, against an output stream that is ready or not as the test says. */
class EventStreamTest {

    /**
     * An output stream in non-blocking mode: refuses a write or flush unless isReady() was just true. Like a
     * container's, it can be recycled for another request; whatever touches it after that is noted in
     * {@link #usedAfterRecycling}.
     */
    static final class Connection extends ServletOutputStream {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        final ByteArrayOutputStream flushed = new ByteArrayOutputStream();
        volatile boolean ready = true;
        volatile boolean broken;
        boolean askedReady;
        int isReadyCalls;
        /** When set, the next flush signals {@link #flushing} and goes on only once {@link #letFlushReturn} opens. */
        volatile boolean flushWaits;
        /** The client went away while data was being written: the flush fails. */
        volatile boolean flushFails;
        final CountDownLatch flushing = new CountDownLatch(1);
        final CountDownLatch letFlushReturn = new CountDownLatch(1);
        volatile boolean recycled;
        final List<String> usedAfterRecycling = Collections.synchronizedList(new ArrayList<>());

        @Override
        public boolean isReady() {
            noteIfRecycled("isReady()");
            isReadyCalls++;
            askedReady = ready;
            return ready;
        }

        void noteIfRecycled(String what) {
            if (recycled) {
                usedAfterRecycling.add(what);
            }
        }

        @Override
        public void setWriteListener(WriteListener listener) {
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            noteIfRecycled("write()");
            if (!askedReady) {
                throw new IllegalStateException("write without isReady() == true first");
            }
            askedReady = false;
            if (broken) {
                throw new IOException("Broken pipe");
            }
            written.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            noteIfRecycled("flush()");
            if (!askedReady) {
                throw new IllegalStateException("flush without isReady() == true first");
            }
            askedReady = false;
            if (flushWaits) {
                flushWaits = false;
                flushing.countDown();
                try {
                    letFlushReturn.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                // Still inside the container's flush, which goes on using the response (Tomcat notes the error on it).
                noteIfRecycled("the rest of a flush");
            }
            if (broken || flushFails) {
                throw new IOException("Broken pipe");
            }
            written.writeTo(flushed);
            written.reset();
        }

        String sent() {
            return flushed.toString(StandardCharsets.UTF_8);
        }
    }

    final AtomicInteger completions = new AtomicInteger();
    final AsyncContext async = (AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {AsyncContext.class}, (proxy, method, args) -> {
                if (method.getName().equals("complete")) {
                    completions.incrementAndGet();
                }
                return null;
            });
    final Connection connection = new Connection();
    LiveCallFeed feed;
    EventStream stream;

    @BeforeEach
    void open() {
        feed = new LiveCallFeed(new FakeCallHistory(), 5, Duration.ofHours(1), Duration.ofHours(1));
        assertTrue(feed.admit());
        stream = new EventStream(async, connection, feed);
    }

    @AfterEach
    void close() {
        feed.close();
    }

    /** Runs on the feed's thread, as the feed calls a client, and waits for it. */
    void onFeed(Runnable task) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        feed.run(() -> {
            task.run();
            done.countDown();
        });
        assertTrue(done.await(5, TimeUnit.SECONDS));
    }

    @Test
    void nothingIsWrittenBeforeTheContainerSaysSoThenEverythingIsWrittenAndFlushed() throws Exception {
        stream.send(CallEventsServlet.RETRY);
        onFeed(() -> stream.send("id: 1\ndata: {}\n\n"));
        assertEquals(0, connection.isReadyCalls, "not before the first onWritePossible");
        stream.onWritePossible();
        onFeed(() -> { });
        assertEquals("retry: 3000\n\nid: 1\ndata: {}\n\n", connection.sent());
        onFeed(() -> stream.send("id: 2\ndata: {}\n\n"));
        assertEquals("retry: 3000\n\nid: 1\ndata: {}\n\nid: 2\ndata: {}\n\n", connection.sent(), "at once, flushed");
    }

    @Test
    void aConnectionThatCannotTakeMoreWaitsForTheContainer() throws Exception {
        stream.onWritePossible();
        onFeed(() -> { });
        connection.ready = false;
        onFeed(() -> assertTrue(stream.send("id: 1\ndata: {}\n\n"), "queued, not refused"));
        assertEquals("", connection.sent());
        connection.ready = true;
        stream.onWritePossible();
        onFeed(() -> { });
        assertEquals("id: 1\ndata: {}\n\n", connection.sent());
    }

    @Test
    void aClientThatStopsReadingIsClosedOnceTooMuchWaitsAndGivesItsPlaceBack() throws Exception {
        stream.onWritePossible();
        onFeed(() -> { });
        connection.ready = false;
        String frame = "data: " + "x".repeat(1000) + "\n\n";
        int fits = EventStream.MAX_QUEUED_BYTES / frame.length();
        onFeed(() -> {
            for (int i = 0; i < fits; i++) {
                assertTrue(stream.send(frame));
            }
            assertFalse(stream.send(frame), "one too many");
        });
        assertEquals(1, completions.get(), "the response is completed");
        onFeed(() -> assertFalse(stream.send("data: late\n\n")));
        assertEquals(0, feed.openClients(), "its place is given back");
        stream.close();
        stream.onComplete(null);
        assertEquals(0, feed.openClients(), "once");
        assertEquals(1, completions.get());
    }

    @Test
    void aBrokenConnectionEndsTheStream() throws Exception {
        stream.onWritePossible();
        onFeed(() -> { });
        connection.broken = true;
        onFeed(() -> assertFalse(stream.send("data: x\n\n")));
        assertEquals(1, completions.get());
        assertEquals(0, feed.openClients());
    }

    @Test
    void theContainerEndingTheStreamGivesThePlaceBackWithoutCompletingAgain() {
        stream.onTimeout(null);
        assertEquals(1, completions.get(), "our own timeout completes the response");
        stream.onComplete(null);
        assertEquals(0, feed.openClients());
        EventStream other = new EventStream(async, new Connection(), feed);
        feed.admit();
        other.onError((jakarta.servlet.AsyncEvent) null);
        other.onComplete(null);
        assertEquals(0, feed.openClients());
        assertEquals(1, completions.get(), "an error is completed by the container");
    }

    /**
     * The container calls {@code onError} on a thread of its own, often because of the feed's own failed flush, while
     * that flush is still returning; it recycles the response for another request as soon as {@code onError} returns.
     */
    @Test
    void theContainerEndingTheStreamOnAnErrorWaitsForTheWriteInProgressAndNothingTouchesTheResponseAfter()
            throws Exception {
        connection.flushFails = true;
        feedThreadInsideAFlush();

        List<String> order = containerCallsDuringTheFlush("onError", () -> {
            IOException gone = new IOException("Broken pipe");
            stream.onError(gone);
            stream.onError(new AsyncEvent(async, gone));
        }, () -> { });

        assertEquals(List.of("flush returns", "onError returned"), order, "onError waited for the flush");
        assertEquals(List.of(), connection.usedAfterRecycling);
        assertEquals(0, feed.openClients());
        assertEquals(1, completions.get(), "completed once, by the feed's thread that found the client gone");
    }

    /** The stream's own timeout, on the container's thread while the feed's thread writes: completed once it is done. */
    @Test
    void theTimeoutWaitsForTheWriteInProgressAndCompletesOnce() throws Exception {
        feedThreadInsideAFlush();

        List<String> order = containerCallsDuringTheFlush("onTimeout", () -> stream.onTimeout(null),
                () -> stream.onComplete(null));

        assertEquals(List.of("flush returns", "onTimeout returned"), order, "onTimeout waited for the flush");
        assertEquals("data: x\n\n", connection.sent(), "the frame under way was sent whole");
        assertEquals(List.of(), connection.usedAfterRecycling);
        assertEquals(1, completions.get());
        assertEquals(0, feed.openClients());
    }

    /**
     * Tomcat calls onComplete holding the request's asynchronous state, which a write in progress may need for its own
     * error handling: onComplete must not wait for the feed's thread.
     */
    @Test
    void onCompleteDoesNotWaitForTheFeedsThread() throws Exception {
        feedThreadInsideAFlush();
        try {
            Thread container = new Thread(() -> stream.onComplete(null), "container");
            container.start();
            container.join(5000);
            assertFalse(container.isAlive(), "onComplete returned while the feed's thread was flushing");
            assertEquals(0, feed.openClients());
        } finally {
            connection.letFlushReturn.countDown();
        }
        onFeed(() -> assertFalse(stream.send("data: later\n\n")));
        assertEquals("data: x\n\n", connection.sent());
        assertEquals(0, completions.get(), "the container completed it");
    }

    /** The feed's thread writes a frame and stays inside its flush until {@code connection.letFlushReturn}. */
    private void feedThreadInsideAFlush() throws InterruptedException {
        stream.onWritePossible();
        onFeed(() -> { });
        connection.flushWaits = true;
        feed.run(() -> stream.send("data: x\n\n"));
        assertTrue(connection.flushing.await(5, TimeUnit.SECONDS), "the feed's thread is flushing");
    }

    /**
     * The container's thread calls the stream ({@code call}, named {@code callback}) while the feed's thread is inside
     * its flush, then does {@code then} and recycles the response, as Tomcat does. The flush is let return after
     * 500 ms, or at once if the callback returned before. Returns the order in which the two returned; afterwards
     * the stream must be over.
     */
    private List<String> containerCallsDuringTheFlush(String callback, Runnable call, Runnable then)
            throws InterruptedException {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Thread container = new Thread(() -> {
            call.run();
            order.add(callback + " returned");
            then.run();
            connection.recycled = true;
        }, "container");
        container.start();
        container.join(500);
        order.add("flush returns");
        connection.letFlushReturn.countDown();
        container.join(5000);
        assertFalse(container.isAlive());
        onFeed(() -> assertFalse(stream.send("data: later\n\n"), "the stream is over"));
        return order;
    }
}
