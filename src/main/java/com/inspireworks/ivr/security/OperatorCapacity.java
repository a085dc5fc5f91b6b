package com.inspireworks.ivr.security;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many operator requests and sign-ins the server works on at once. Whatever operators (or anyone who can reach
 * the sign-in page) send, Plivo's webhooks must find a worker thread and a share of the CPU: beyond these bounds a
 * request is refused at once (the caller answers 503 with Retry-After) instead of queueing for the threads the
 * webhooks need. Thread-safe; no servlet API, so that plain unit tests reach it.
 *
 * <ul>
 * <li>Operator requests (pages, JSON API, simulator): at most {@code total} at once, of which one operator (or all
 * anonymous requests together) at most {@link #perOperator(int)}: one operator cannot take the others' share.</li>
 * <li>Sign-ins: at most {@code signIns} at once, in a pool of their own; each is a password check that costs
 * ~0.5 s of CPU with the PBKDF2 realm deploy/ recommends, so more at once than the server has cores only adds
 * waiting.</li>
 * </ul>
 */
public final class OperatorCapacity {

    /** Why a request was refused. */
    public enum Refusal { TOTAL, OPERATOR, SIGN_IN }

    private final int total;
    private final int perOperator;
    private final int signIns;
    private final Semaphore requests;
    private final Semaphore signInPermits;
    private final ConcurrentHashMap<String, Integer> inProgress = new ConcurrentHashMap<>();

    public OperatorCapacity(int total, int signIns) {
        if (total < 1 || signIns < 1) {
            throw new IllegalArgumentException("capacities must be at least 1");
        }
        this.total = total;
        this.perOperator = perOperator(total);
        this.signIns = signIns;
        this.requests = new Semaphore(total);
        this.signInPermits = new Semaphore(signIns);
    }

    /** What one operator may use of {@code total}: half, rounded up, at least one. */
    public static int perOperator(int total) {
        return Math.max(1, (total + 1) / 2);
    }

    public int total() {
        return total;
    }

    public int perOperator() {
        return perOperator;
    }

    public int signIns() {
        return signIns;
    }

    /** A held place; closing it (once or more) gives it back. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** The outcome of asking for a place: a permit, or why there is none. */
    public record Entry(Optional<Permit> permit, Optional<Refusal> refusal) {
        static Entry granted(Permit permit) {
            return new Entry(Optional.of(permit), Optional.empty());
        }

        static Entry refused(Refusal refusal) {
            return new Entry(Optional.empty(), Optional.of(refusal));
        }
    }

    /**
     * A place for one operator request, never waiting.
     *
     * @param operator the signed-in user, or "" for requests without one
     */
    public Entry tryEnterRequest(String operator) {
        String key = operator == null ? "" : operator;
        boolean[] admitted = {false};
        inProgress.compute(key, (k, count) -> {
            int current = count == null ? 0 : count;
            if (current >= perOperator) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (!admitted[0]) {
            return Entry.refused(Refusal.OPERATOR);
        }
        if (!requests.tryAcquire()) {
            leave(key);
            return Entry.refused(Refusal.TOTAL);
        }
        return Entry.granted(once(() -> {
            requests.release();
            leave(key);
        }));
    }

    /** A place for one sign-in (password check), never waiting. */
    public Entry tryEnterSignIn() {
        if (!signInPermits.tryAcquire()) {
            return Entry.refused(Refusal.SIGN_IN);
        }
        return Entry.granted(once(signInPermits::release));
    }

    /** Operator requests in progress, for tests and monitoring. */
    public int requestsInProgress() {
        return total - requests.availablePermits();
    }

    public int signInsInProgress() {
        return signIns - signInPermits.availablePermits();
    }

    private void leave(String key) {
        inProgress.compute(key, (k, count) -> count == null || count <= 1 ? null : count - 1);
    }

    private static Permit once(Runnable release) {
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                release.run();
            }
        };
    }
}
