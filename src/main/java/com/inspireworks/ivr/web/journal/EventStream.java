package com.inspireworks.ivr.web.journal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One browser's Server-Sent Events stream, an asynchronous response written without blocking. The feed's thread is
 * the only one that writes: it queues frames ({@link #send}) and writes them while the connection can take them
 * ({@code isReady()} before every write and flush, as the Servlet API asks); when it cannot, the container calls
 * {@link #onWritePossible}, which only asks the feed's thread to go on. A client that stops reading is closed once
 * {@link #MAX_QUEUED_BYTES} wait for it; its browser reconnects and catches up from its {@code Last-Event-ID}.
 */
final class EventStream implements LiveCallFeed.Client, WriteListener, AsyncListener {

    /** About a thousand steps: far more than a live view needs to stay current. */
    static final int MAX_QUEUED_BYTES = 1 << 20;

    private static final Logger LOG = Logger.getLogger(EventStream.class.getName());

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final LiveCallFeed feed;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private int queuedBytes;
    private boolean unflushed;
    /** Set once the container said the response may be written (the first {@code onWritePossible}). */
    private volatile boolean writable;
    private volatile boolean closed;

    /** A stream admitted by {@code feed}; it leaves the feed and gives back its place when it ends. */
    EventStream(AsyncContext async, ServletOutputStream out, LiveCallFeed feed) {
        this.async = async;
        this.out = out;
        this.feed = feed;
    }

    /** Feed's thread only (or the request's, before the stream joins the feed). */
    @Override
    public boolean send(String frame) {
        if (closed) {
            return false;
        }
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        if (queuedBytes + bytes.length > MAX_QUEUED_BYTES) {
            LOG.info("Live view: a client stopped reading; closing its stream (it reconnects and catches up)");
            close();
            return false;
        }
        queue.add(bytes);
        queuedBytes += bytes.length;
        if (writable) {
            write();
        }
        return !closed;
    }

    /** Feed's thread only: writes what is queued while the connection takes it, then flushes. */
    void write() {
        try {
            while (!closed && out.isReady()) {
                if (queue.isEmpty()) {
                    if (!unflushed) {
                        return;
                    }
                    unflushed = false;
                    out.flush();
                    continue;
                }
                out.write(drainQueue());
                unflushed = true;
            }
            // Not ready: the container calls onWritePossible when the connection can take more.
        } catch (IOException | RuntimeException e) {
            // Gone, or ended by the container (timeout, error, undeploy) while this thread was writing: after
            // complete() the container may already have recycled the response.
            LOG.log(Level.FINE, "Live view: a client went away", e);
            close();
        }
    }

    private byte[] drainQueue() {
        if (queue.size() == 1) {
            queuedBytes = 0;
            return queue.poll();
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream(queuedBytes);
        queue.forEach(bytes -> all.write(bytes, 0, bytes.length));
        queue.clear();
        queuedBytes = 0;
        return all.toByteArray();
    }

    /** Container's thread: the connection can take more; the feed's thread writes it. */
    @Override
    public void onWritePossible() {
        writable = true;
        feed.run(this::write);
    }

    @Override
    public void onError(Throwable t) {
        LOG.log(Level.FINE, "Live view: writing to a client failed", t);
        end();
    }

    /** Ends the response (any thread); idempotent. */
    @Override
    public void close() {
        closed = true;
        if (ended.compareAndSet(false, true)) {
            try {
                async.complete();
            } catch (IllegalStateException e) {
                // already completed by the container (timeout, error, shutdown)
            }
            leaveFeed();
        }
    }

    private void end() {
        closed = true;
        if (ended.compareAndSet(false, true)) {
            leaveFeed();
        }
    }

    private void leaveFeed() {
        feed.leave(this);
        feed.release();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        end();
    }

    /** The stream's own timeout: the browser reconnects at once and resumes from its Last-Event-ID. */
    @Override
    public void onTimeout(AsyncEvent event) {
        close();
    }

    @Override
    public void onError(AsyncEvent event) {
        end();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }
}
