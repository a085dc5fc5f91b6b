package com.inspireworks.ivr.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Limits how many calls can be placed: per operator per minute, and for the whole application per hour, over
 * sliding windows. A stolen operator password or a runaway script can then cost at most a known amount.
 *
 * <p>Counts live in this instance's memory: behind several instances the hourly limit applies per instance (a
 * shared store belongs with the campaign feature). Thread-safe; memory is bounded by the limits themselves.
 */
public final class CallRateLimiter {

    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration HOUR = Duration.ofHours(1);

    private final int perOperatorPerMinute;
    private final int perHour;
    private final Clock clock;
    private final Map<String, Deque<Instant>> byOperator = new HashMap<>();
    private final Deque<Instant> all = new ArrayDeque<>();

    public CallRateLimiter(int perOperatorPerMinute, int perHour, Clock clock) {
        if (perOperatorPerMinute < 1 || perHour < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.perOperatorPerMinute = perOperatorPerMinute;
        this.perHour = perHour;
        this.clock = clock;
    }

    /** Why a call may not be placed now, and when to try again. */
    public record Refusal(String message, Duration retryAfter) {
    }

    /**
     * Takes one call from both budgets, or refuses without taking anything.
     *
     * @param operator the authenticated operator (or a fixed name for anonymous use)
     */
    public synchronized Optional<Refusal> tryAcquire(String operator) {
        Instant now = clock.instant();
        expire(all, now.minus(HOUR));
        Deque<Instant> mine = byOperator.computeIfAbsent(operator, k -> new ArrayDeque<>());
        expire(mine, now.minus(MINUTE));
        if (all.size() >= perHour) {
            return Optional.of(new Refusal("The application may place at most " + perHour
                    + " calls per hour (ivr.max-calls-per-hour). Try again later.",
                    until(all.peekFirst().plus(HOUR), now)));
        }
        if (mine.size() >= perOperatorPerMinute) {
            return Optional.of(new Refusal("You may place at most " + perOperatorPerMinute
                    + " calls per minute (ivr.max-calls-per-minute). Try again shortly.",
                    until(mine.peekFirst().plus(MINUTE), now)));
        }
        all.addLast(now);
        mine.addLast(now);
        cleanUp(now);
        return Optional.empty();
    }

    private void cleanUp(Instant now) {
        Iterator<Deque<Instant>> it = byOperator.values().iterator();
        while (it.hasNext()) {
            Deque<Instant> times = it.next();
            expire(times, now.minus(MINUTE));
            if (times.isEmpty()) {
                it.remove();
            }
        }
    }

    private static void expire(Deque<Instant> times, Instant cutoff) {
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
            times.removeFirst();
        }
    }

    private static Duration until(Instant free, Instant now) {
        Duration wait = Duration.between(now, free);
        long seconds = Math.max(1, wait.toSeconds() + (wait.toMillisPart() > 0 ? 1 : 0));
        return Duration.ofSeconds(seconds);
    }
}
