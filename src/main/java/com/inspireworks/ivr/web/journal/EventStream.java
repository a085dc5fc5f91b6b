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
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One browser's Server-Sent Events stream, an asynchronous response written without blocking. The feed's thread is
 * the only one that writes: it queues frames ({@link #send}) and writes them while the connection can take them
 * ({@code isReady()} before every write and flush, as the Servlet API asks); when it cannot, the container calls
 * {@link #onWritePossible}, which only asks the feed's thread to go on. A client that stops reading is closed once
 * {@link #MAX_QUEUED_BYTES} wait for it; its browser reconnects and catches up from its {@code Last-Event-ID}.
 *
 * <p>The response is not thread-safe, and the container ends it on threads of its own. When the client has gone
 * (often found out by the feed's own failed write, whose error the container handles on another thread while that
 * write is still returning) or the stream timed out, it calls {@link #onError} or {@link #onTimeout}; once they
 * return, it completes the request and recycles the response for the next request on any connection. A write still
 * under way would then land on that other request (it did: a failed flush's error broke off a CSV export served
 * meanwhile, without its last chunk). So the feed's thread holds {@code responseLock} whenever it uses the response,
 * and {@code onError} and {@code onTimeout} take it before they return: they wait for a write in progress and mark
 * the response finished, after which nothing touches it. {@link #onComplete} must not wait: Tomcat calls it holding
 * the request's asynchronous state, which a write in progress may need for its own error handling. It only ever
 * follows a completion already fenced by the lock (the feed's {@link #close}, or the container's after
 * {@code onError} or {@code onTimeout}).
 */
final class EventStream implements LiveCallFeed.Client, WriteListener, AsyncListener {

    /** About a thousand steps: far more than a live view needs to stay current. */
    static final int MAX_QUEUED_BYTES = 1 << 20;

    private static final Logger LOG = Logger.getLogger(EventStream.class.getName());

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final LiveCallFeed feed;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    /** Held while the response is used off the container's request thread; see the class comment. */
    private final ReentrantLock responseLock = new ReentrantLock();
    /** Set once this stream has left the feed and given back its place. */
    private final AtomicBoolean left = new AtomicBoolean();
    private int queuedBytes;
    private boolean unflushed;
    /** Set once the container said the response may be written (the first {@code onWritePossible}). */
    private volatile boolean writable;
    /** No more frames are taken. */
    private volatile boolean closed;
    /** The response is completed, or being ended by the container: never touched again. Set under the lock, but in
     * onComplete. */
    private volatile boolean finished;

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
        responseLock.lock();
        try {
            while (!finished && out.isReady()) {
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
            // Gone: the container may be handling the same error on its own thread now, waiting for this lock.
            LOG.log(Level.FINE, "Live view: a client went away", e);
            close();
        } finally {
            responseLock.unlock();
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
        endedByContainer();
    }

    /** Ends the response (the feed's thread, or any once the feed has stopped); idempotent. */
    @Override
    public void close() {
        closed = true;
        responseLock.lock();
        try {
            if (!finished) {
                finished = true;
                async.complete();
            }
        } catch (IllegalStateException e) {
            // already ended by the container
        } finally {
            responseLock.unlock();
        }
        leaveFeed();
    }

    /**
     * Container's thread, in {@code onError}: the container completes the response and recycles it once this returns,
     * so wait for a write the feed's thread is in the middle of, and keep it from starting another.
     */
    private void endedByContainer() {
        closed = true;
        responseLock.lock();
        try {
            finished = true;
        } finally {
            responseLock.unlock();
        }
        leaveFeed();
    }

    private void leaveFeed() {
        if (left.compareAndSet(false, true)) {
            feed.leave(this);
            feed.release();
        }
    }

    /** Container's thread, holding the request's asynchronous state: must not wait for the lock (see the class). */
    @Override
    public void onComplete(AsyncEvent event) {
        closed = true;
        finished = true;
        leaveFeed();
    }

    /**
     * The stream's own timeout: the browser reconnects at once and resumes from its Last-Event-ID. Completed here,
     * under the lock, so the feed's thread is not writing when the container recycles the response.
     */
    @Override
    public void onTimeout(AsyncEvent event) {
        close();
    }

    @Override
    public void onError(AsyncEvent event) {
        endedByContainer();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }
}
