package com.inspireworks.ivr.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.support.ManualClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallRateLimiterTest {

    private final ManualClock clock = new ManualClock();

    @Test
    void eachOperatorHasAPerMinuteBudgetOverASlidingWindow() {
        CallRateLimiter limiter = new CallRateLimiter(2, 100, clock);
        assertTrue(limiter.tryAcquire("ana").isEmpty());
        clock.advance(Duration.ofSeconds(20));
        assertTrue(limiter.tryAcquire("ana").isEmpty());
        Optional<CallRateLimiter.Refusal> third = limiter.tryAcquire("ana");
        assertTrue(third.isPresent());
        assertEquals(Duration.ofSeconds(40), third.get().retryAfter(), "until the first call leaves the window");
        assertTrue(limiter.tryAcquire("ben").isEmpty(), "another operator has their own budget");
        clock.advance(Duration.ofSeconds(40));
        assertTrue(limiter.tryAcquire("ana").isEmpty());
    }

    @Test
    void theWholeApplicationHasAnHourlyBudget() {
        CallRateLimiter limiter = new CallRateLimiter(10, 3, clock);
        assertTrue(limiter.tryAcquire("a").isEmpty());
        assertTrue(limiter.tryAcquire("b").isEmpty());
        clock.advance(Duration.ofMinutes(30));
        assertTrue(limiter.tryAcquire("c").isEmpty());
        CallRateLimiter.Refusal refusal = limiter.tryAcquire("d").orElseThrow();
        assertTrue(refusal.message().contains("at most 3 calls per hour"), refusal.message());
        assertEquals(Duration.ofMinutes(30), refusal.retryAfter());
        clock.advance(Duration.ofMinutes(30));
        assertTrue(limiter.tryAcquire("d").isEmpty());
    }

    @Test
    void aRefusalTakesNothingFromTheBudget() {
        CallRateLimiter limiter = new CallRateLimiter(1, 2, clock);
        assertTrue(limiter.tryAcquire("a").isEmpty());
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.tryAcquire("a").isPresent());
        }
        assertTrue(limiter.tryAcquire("b").isEmpty(), "a's refusals did not use up the hourly budget");
    }
}
