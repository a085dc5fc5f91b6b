package com.inspireworks.ivr.journal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The journal's write side: the call row and the hangup are committed on the caller's thread; every other event
 * goes into a bounded queue and one writer thread stores it in batches, so a live call never waits on the database
 * and never breaks because of it.
 *
 * <p>When the database is down the writer keeps its batch and tries again (backing off up to
 * {@link #MAX_BACKOFF}), while new events wait in the queue; once the queue is full ({@link #CAPACITY} events,
 * a few tens of MB at most) further events are counted as dropped, never blocking a caller. {@link #health()}
 * shows both counts. When the database is up but refuses a batch (a bad value), the events are written one by one
 * and only the refused ones are dropped and logged. The same thread links steps whose call was not known yet and
 * purges calls older than the retention period.
 */
final class WriteBehindJournal implements CallJournal {

    private static final Logger LOG = Logger.getLogger(WriteBehindJournal.class.getName());
    /** Events held in memory at most. One is well under 1 KB. */
    static final int CAPACITY = 50_000;
    /** Places in the queue beyond {@link #CAPACITY} for markers (flushes, hangups, committed calls). */
    static final int MARKER_ROOM = 1_000;
    /** Events stored in one transaction at most. */
    static final int BATCH = 1_000;
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** How long {@link #close()} keeps trying to store what is left before counting it as dropped. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
    static final Duration LINK_EVERY = Duration.ofSeconds(5);
    /**
     * How often every call with a stored hangup but no end on its row is looked for, beyond start-up: for an
     * instance that stopped between committing a hangup and deriving its row (this instance's own hangups are
     * derived from the queue's markers, or looked for at once when a marker did not fit). The search visits every
     * call not ended of the last {@link #LINK_WINDOW}, which costs seconds on H2 with 300,000 of them: it must not
     * run every few seconds.
     */
    static final Duration RECONCILE_EVERY = Duration.ofMinutes(10);
    /** Steps are linked to calls that started up to this long before them. */
    static final Duration LINK_WINDOW = Duration.ofHours(6);
    static final Duration PURGE_FIRST = Duration.ofMinutes(1);
    static final Duration PURGE_EVERY = Duration.ofHours(1);
    private static final Object STORED_ELSEWHERE = new Object();

    private final JournalStore store;
    private final Listeners listeners;
    private final Clock clock;
    private final Duration retention;
    private final int capacity;
    private final BlockingQueue<Object> queue;
    private final AtomicInteger inHand = new AtomicInteger();
    /** Events in the queue (not its markers). */
    private final AtomicInteger queued = new AtomicInteger();
    private final LongAdder dropped = new LongAdder();
    private final AtomicBoolean warnedFull = new AtomicBoolean();
    private final Thread writer;
    private final Runnable afterClose;
    /** The hangups' commits, several at once. */
    private final GroupCommit hangups;
    private final String description;
    private volatile boolean up = true;
    private volatile boolean stopping;
    private volatile long stopDeadline;
    private long nextLink;
    private long nextReconcile;
    /** A hangup's marker did not fit in the queue: look for ended calls whose row does not show it at once. */
    private final AtomicBoolean reconcileNeeded = new AtomicBoolean();
    /** Where the next pass over unlinked steps starts (writer thread only). */
    private long linkCursor;
    private long nextPurge;

    /**
     * @param description where the events go, for {@link #toString()}
     * @param afterClose runs once the writer has stopped (closes the database)
     */
    WriteBehindJournal(JournalStore store, Listeners listeners, Clock clock, Duration retention,
            String description, Runnable afterClose) {
        this(store, listeners, clock, retention, description, afterClose, CAPACITY);
    }

    /** @param capacity events held in memory at most (tests use a small one) */
    WriteBehindJournal(JournalStore store, Listeners listeners, Clock clock, Duration retention,
            String description, Runnable afterClose, int capacity) {
        this.capacity = capacity;
        // Room for markers beyond the events: a flush or a notification never takes an event's place.
        this.queue = new ArrayBlockingQueue<>(capacity + MARKER_ROOM);
        this.description = Objects.requireNonNull(description);
        this.store = Objects.requireNonNull(store);
        this.hangups = new GroupCommit(store::storeOnly);
        this.afterClose = Objects.requireNonNull(afterClose);
        this.listeners = Objects.requireNonNull(listeners);
        this.clock = Objects.requireNonNull(clock);
        this.retention = Objects.requireNonNull(retention);
        long now = System.nanoTime();
        this.nextLink = now + LINK_EVERY.toNanos();
        this.nextReconcile = now + RECONCILE_EVERY.toNanos();
        this.nextPurge = now + PURGE_FIRST.toNanos();
        try {
            // Calls whose hangup was committed but whose row was not derived yet when the last run stopped; the
            // writer goes on when there are more than one pass takes.
            reconcileNeeded.set(reconcileEnded() >= BATCH);
        } catch (SQLException e) {
            reconcileNeeded.set(true);
            LOG.warning("Could not check the journal for ended calls: " + describe(e));
        }
        this.writer = new Thread(this::run, "ivr-journal-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    @Override
    public void requested(CallRequested call) throws JournalUnavailableException {
        Objects.requireNonNull(call);
        try {
            store.requested(call);
        } catch (SQLException | RuntimeException e) {
            down(e);
            throw new JournalUnavailableException("the call could not be recorded: " + describe(e), e);
        }
        committed();
    }

    @Override
    public void placed(CallPlaced call) {
        enqueue(Objects.requireNonNull(call));
    }

    @Override
    public void failed(CallFailed call) {
        enqueue(Objects.requireNonNull(call));
    }

    @Override
    public void step(CallStep step) {
        enqueue(Objects.requireNonNull(step));
    }

    @Override
    public void ended(CallEnded call) throws JournalUnavailableException {
        var event = PendingEvent.ended(call);
        if (event.isEmpty()) {
            LOG.warning("A hangup callback names no call (no CallUUID, no call id): acknowledged, not kept");
            return;
        }
        Optional<String> linked;
        try {
            // Only the hangup itself is committed while Plivo waits, together with the hangups that arrive meanwhile;
            // the call's row (state, outcome) is derived on the writer thread right after, so that hangups never
            // queue behind row locks.
            linked = hangups.commit(event.get());
        } catch (SQLException | RuntimeException e) {
            down(e);
            throw new JournalUnavailableException("the hangup could not be recorded: " + describe(e), e);
        }
        up();
        if (!queue.offer(new Summarise(linked)) && !reconcileNeeded.getAndSet(true)) {
            LOG.warning("The journal's queue is full: the rows of calls that ended are derived when it has room");
        }
    }

    private static boolean isEvent(Object item) {
        return item instanceof CallStep || item instanceof CallPlaced || item instanceof CallFailed;
    }

    /** Marker: a committed event was stored elsewhere; derive the row of its call (if it was linked) again. */
    private record Summarise(Optional<String> callId) {
    }

    @Override
    public JournalHealth health() {
        int waiting = queued.get() + inHand.get();
        return new JournalHealth(up, waiting, dropped.sum());
    }

    /**
     * Stores what is left (for at most {@link #CLOSE_GRACE}), stops the writer thread, then closes the database.
     */
    @Override
    public void close() {
        if (stopping) {
            return;
        }
        try {
            stopWriter();
        } finally {
            afterClose.run();
        }
    }

    private void stopWriter() {
        stopDeadline = System.nanoTime() + CLOSE_GRACE.toNanos();
        stopping = true;
        try {
            // Never interrupt the writer: an interrupted thread closes H2's file channel under it.
            writer.join(CLOSE_GRACE.plusSeconds(JournalStore.QUERY_TIMEOUT_SECONDS).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.warning("The journal writer did not stop in time; closing the database under it");
        }
        long left = queue.stream().filter(WriteBehindJournal::isEvent).count();
        queue.stream().filter(CountDownLatch.class::isInstance).forEach(flush -> ((CountDownLatch) flush)
                .countDown());
        queue.clear();
        queued.set(0);
        if (left > 0) {
            dropped.add(left);
            LOG.warning(left + " journal events could not be stored before shutdown (database unavailable)");
        }
    }

    /** Deletes calls older than the retention period; returns how many. For the writer thread and tests. */
    int purgeExpired() throws SQLException {
        int deleted = store.purge(clock.instant().minus(retention), 500);
        if (deleted > 0) {
            LOG.info(() -> "Journal retention: deleted " + deleted + " calls requested more than "
                    + retention.toDays() + " days ago");
        }
        return deleted;
    }

    /**
     * Links stored steps whose call was not known when they were stored, one slice of {@link #BATCH} per call,
     * going round; returns how many were linked. For the writer thread and tests.
     */
    synchronized int linkUnlinked() throws SQLException {
        JournalStore.Linked pass = store.linkUnlinked(clock.instant().minus(LINK_WINDOW), linkCursor, BATCH);
        linkCursor = pass.seen() < BATCH ? 0 : pass.lastId();
        return pass.linked();
    }

    /** Where the journal is stored, never a password: the start-up banner prints it. */
    @Override
    public String toString() {
        return description;
    }

    /** Derives the rows of ended calls whose row does not show the end yet (after a crash). */
    int reconcileEnded() throws SQLException {
        int fixed = store.reconcileEnded(clock.instant().minus(LINK_WINDOW), BATCH);
        if (fixed > 0) {
            LOG.info("The journal derived the rows of " + fixed + " calls whose hangup was stored but not yet on"
                    + " their row");
        }
        return fixed;
    }

    /** Whether the writer thread is still running (tests check that close() stops it). */
    boolean writerAlive() {
        return writer.isAlive();
    }

    /**
     * Hands an event to the writer: the caller's thread only puts the record in the queue; turning it into a row
     * (natural key, JSON) happens on the writer thread.
     */
    private void enqueue(Record event) {
        if (!stopping && queued.get() < capacity) {
            queued.incrementAndGet();
            if (queue.offer(event)) {
                return;
            }
            queued.decrementAndGet();
        }
        dropped.increment();
        if (warnedFull.compareAndSet(false, true)) {
            LOG.warning("The call journal holds " + capacity + " events it could not store yet: further steps"
                    + " are counted as dropped (see /health) until the database takes writes again");
        }
    }

    private void committed() {
        up();
        // Listeners hear of it on the writer thread, in order with the written-behind events.
        queue.offer(STORED_ELSEWHERE);
    }

    /** The row of a written-behind event; empty for a step that names no call at all (nothing to link it to). */
    private static Optional<PendingEvent> pending(Record event) {
        if (event instanceof CallStep step) {
            Optional<PendingEvent> row = PendingEvent.step(step);
            if (row.isEmpty()) {
                LOG.fine(() -> "A " + step.type() + " step names no call (no CallUUID, no call id): not kept");
            }
            return row;
        }
        if (event instanceof CallPlaced placed) {
            return Optional.of(PendingEvent.placed(placed));
        }
        return Optional.of(PendingEvent.failed((CallFailed) event));
    }

    /**
     * Waits until everything handed over before this call was stored (or given up at shutdown); false when that
     * took longer than {@code timeout}. For tests and benchmarks, never for a caller's request.
     */
    boolean flush(Duration timeout) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        if (!queue.offer(done, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        List<Object> drained = new ArrayList<>(BATCH);
        List<PendingEvent> batch = new ArrayList<>(BATCH);
        List<CountDownLatch> flushes = new ArrayList<>();
        Set<String> summarise = new HashSet<>();
        while (true) {
            Object first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                if (stopping) {
                    return;
                }
                maintain();
                continue;
            }
            drained.add(first);
            queue.drainTo(drained, BATCH - 1);
            boolean storedElsewhere = false;
            for (Object item : drained) {
                if (item instanceof Summarise marker) {
                    storedElsewhere = true;
                    marker.callId().ifPresent(summarise::add);
                } else if (isEvent(item)) {
                    queued.decrementAndGet();
                    try {
                        pending((Record) item).ifPresent(batch::add);
                    } catch (RuntimeException e) {
                        dropped.increment();
                        LOG.log(Level.WARNING, "A journal event could not be turned into a row; it is dropped", e);
                    }
                } else if (item instanceof CountDownLatch flush) {
                    flushes.add(flush);
                } else {
                    storedElsewhere = true;
                }
            }
            inHand.set(batch.size());
            drained.clear();
            boolean stored = (!batch.isEmpty() || !summarise.isEmpty()) && write(batch, summarise);
            batch.clear();
            summarise.clear();
            inHand.set(0);
            if (stored || storedElsewhere) {
                listeners.fire();
            }
            flushes.forEach(CountDownLatch::countDown);
            flushes.clear();
            if (stopping && System.nanoTime() > stopDeadline && !up) {
                return;
            }
            maintain();
        }
    }

    /** Stores the batch, waiting for the database when it is down; false only when given up at shutdown. */
    private boolean write(List<PendingEvent> batch, Set<String> summarise) {
        long backoff = TimeUnit.MILLISECONDS.toNanos(100);
        while (true) {
            try {
                store.store(batch, summarise);
                up();
                return true;
            } catch (SQLException | RuntimeException e) {
                if (store.reachable()) {
                    writeOneByOne(batch, summarise, e);
                    up();
                    return true;
                }
                down(e);
            }
            if (stopping && System.nanoTime() > stopDeadline) {
                dropped.add(batch.size());
                return false;
            }
            pause(backoff);
            backoff = Math.min(backoff * 2, MAX_BACKOFF.toNanos());
        }
    }

    private void writeOneByOne(List<PendingEvent> batch, Set<String> summarise, Exception batchFailure) {
        int refused = 0;
        try {
            store.store(List.of(), summarise);
        } catch (SQLException | RuntimeException e) {
            LOG.warning("The rows of " + summarise.size() + " ended calls could not be derived: " + describe(e));
        }
        for (PendingEvent event : batch) {
            try {
                store.store(List.of(event));
            } catch (SQLException | RuntimeException e) {
                refused++;
                dropped.increment();
                LOG.warning("The journal database refused a " + event.type() + " event; it is dropped: "
                        + describe(e));
            }
        }
        if (refused == 0 && batch.size() > 1) {
            LOG.log(Level.FINE, "A journal batch failed but each event stored alone", batchFailure);
        }
    }

    private void maintain() {
        long now = System.nanoTime();
        try {
            if (!up) {
                if (store.reachable()) {
                    up();
                }
                return;
            }
            int fixed = 0;
            if (now - nextLink >= 0) {
                nextLink = now + LINK_EVERY.toNanos();
                fixed += linkUnlinked();
            }
            if (now - nextReconcile >= 0 || reconcileNeeded.get() && queue.size() < capacity / 2) {
                nextReconcile = now + RECONCILE_EVERY.toNanos();
                // Cleared first: a marker that does not fit while the search runs asks for the next one.
                reconcileNeeded.set(false);
                int reconciled;
                try {
                    reconciled = reconcileEnded();
                } catch (SQLException | RuntimeException e) {
                    reconcileNeeded.set(true);
                    throw e;
                }
                if (reconciled >= BATCH) {
                    reconcileNeeded.set(true); // more than one pass takes: go on at the next round
                }
                fixed += reconciled;
            }
            if (fixed > 0) {
                listeners.fire();
            }
            if (now - nextPurge >= 0 && !stopping) {
                nextPurge = now + PURGE_EVERY.toNanos();
                purgeExpired();
            }
        } catch (SQLException | RuntimeException e) {
            down(e);
        }
    }

    private void up() {
        if (!up) {
            up = true;
            warnedFull.set(false);
            LOG.info(() -> "The call journal's database is back; " + (queue.size() + inHand.get())
                    + " events waiting are being stored, " + dropped.sum() + " were dropped during the outage");
        }
    }

    private void down(Exception e) {
        if (up) {
            up = false;
            LOG.warning("The call journal's database is unavailable (" + describe(e) + "): calls go on, steps wait"
                    + " in memory (up to " + capacity + ") and are stored when it is back; see /health");
        }
    }

    /**
     * What went wrong, short and without the values of the statement: PostgreSQL's batch errors quote every
     * parameter (phone numbers among them), which has no place in a log.
     */
    static String describe(Throwable e) {
        Throwable shown = e;
        if (e instanceof SQLException sql && sql.getNextException() != null) {
            shown = sql.getNextException();
        }
        String message = String.valueOf(shown.getMessage());
        if (message.startsWith("Batch entry")) {
            message = shown.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        message = newline >= 0 ? message.substring(0, newline) : message;
        String state = shown instanceof SQLException sql && sql.getSQLState() != null
                ? " [SQLState " + sql.getSQLState() + "]" : "";
        return (message.length() > 200 ? message.substring(0, 200) + "..." : message) + state;
    }

    /** Sleeps between tries; at shutdown no more than 100 ms at a time, so that close() is not held up. */
    private void pause(long nanos) {
        long until = System.nanoTime() + (stopping ? Math.min(nanos, TimeUnit.MILLISECONDS.toNanos(100)) : nanos);
        while (System.nanoTime() < until) {
            try {
                Thread.sleep(Math.min(50, Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime()))));
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
