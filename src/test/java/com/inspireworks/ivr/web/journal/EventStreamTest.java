package com.inspireworks.ivr.web.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The non-blocking writing of one stream, against an output stream that is ready or not as the test says. */
class EventStreamTest {

    /** An output stream in non-blocking mode: refuses a write or flush unless isReady() was just true. */
    static final class Connection extends ServletOutputStream {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        final ByteArrayOutputStream flushed = new ByteArrayOutputStream();
        volatile boolean ready = true;
        volatile boolean broken;
        boolean askedReady;
        int isReadyCalls;

        @Override
        public boolean isReady() {
            isReadyCalls++;
            askedReady = ready;
            return ready;
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
            if (!askedReady) {
                throw new IllegalStateException("flush without isReady() == true first");
            }
            askedReady = false;
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
}
