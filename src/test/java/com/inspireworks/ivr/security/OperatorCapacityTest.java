package com.inspireworks.ivr.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OperatorCapacityTest {

    @Test
    void oneOperatorGetsHalfAndEveryoneTogetherTheTotal() {
        OperatorCapacity capacity = new OperatorCapacity(4, 1);
        assertEquals(2, capacity.perOperator());
        OperatorCapacity.Permit a1 = capacity.tryEnterRequest("alice").permit().orElseThrow();
        OperatorCapacity.Permit a2 = capacity.tryEnterRequest("alice").permit().orElseThrow();
        assertEquals(Optional.of(OperatorCapacity.Refusal.OPERATOR), capacity.tryEnterRequest("alice").refusal());
        OperatorCapacity.Permit b1 = capacity.tryEnterRequest("bob").permit().orElseThrow();
        OperatorCapacity.Permit anonymous = capacity.tryEnterRequest(null).permit().orElseThrow();
        assertEquals(Optional.of(OperatorCapacity.Refusal.TOTAL), capacity.tryEnterRequest("carol").refusal());
        assertEquals(Optional.of(OperatorCapacity.Refusal.TOTAL), capacity.tryEnterRequest("bob").refusal());
        assertEquals(4, capacity.requestsInProgress());

        a1.close();
        a1.close();
        assertEquals(3, capacity.requestsInProgress(), "closing twice gives back one place");
        OperatorCapacity.Permit c1 = capacity.tryEnterRequest("carol").permit().orElseThrow();
        assertEquals(Optional.of(OperatorCapacity.Refusal.TOTAL), capacity.tryEnterRequest("alice").refusal());
        for (OperatorCapacity.Permit permit : List.of(a2, b1, anonymous, c1)) {
            permit.close();
        }
        assertEquals(0, capacity.requestsInProgress());
        assertTrue(capacity.tryEnterRequest("alice").permit().isPresent(), "a refused request held nothing");
    }

    @Test
    void signInsHaveAPoolOfTheirOwn() {
        OperatorCapacity capacity = new OperatorCapacity(1, 2);
        OperatorCapacity.Permit request = capacity.tryEnterRequest("alice").permit().orElseThrow();
        OperatorCapacity.Permit first = capacity.tryEnterSignIn().permit().orElseThrow();
        OperatorCapacity.Permit second = capacity.tryEnterSignIn().permit().orElseThrow();
        assertEquals(Optional.of(OperatorCapacity.Refusal.SIGN_IN), capacity.tryEnterSignIn().refusal());
        first.close();
        assertTrue(capacity.tryEnterSignIn().permit().isPresent());
        second.close();
        request.close();
    }

    @Test
    void tinyAndInvalidCapacities() {
        assertEquals(1, OperatorCapacity.perOperator(1));
        assertEquals(1, OperatorCapacity.perOperator(2));
        assertEquals(2, OperatorCapacity.perOperator(3));
        assertEquals(8, OperatorCapacity.perOperator(16));
        assertThrows(IllegalArgumentException.class, () -> new OperatorCapacity(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new OperatorCapacity(1, 0));
    }

    /** Many threads entering and leaving at once never exceed the bounds and leave nothing behind. */
    @Test
    void concurrentUseKeepsTheBounds() throws InterruptedException {
        OperatorCapacity capacity = new OperatorCapacity(6, 2);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch done = new CountDownLatch(32);
        List<String> users = new ArrayList<>(List.of("alice", "bob", "carol", ""));
        for (int t = 0; t < 32; t++) {
            String user = users.get(t % users.size());
            pool.execute(() -> {
                for (int i = 0; i < 2000; i++) {
                    capacity.tryEnterRequest(user).permit().ifPresent(permit -> {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        inside.decrementAndGet();
                        permit.close();
                    });
                }
                done.countDown();
            });
        }
        assertTrue(done.await(60, TimeUnit.SECONDS));
        pool.shutdown();
        assertTrue(most.get() <= 6, "at most the total inside at once: " + most.get());
        assertEquals(0, capacity.requestsInProgress());
        for (String user : users) {
            assertTrue(capacity.tryEnterRequest(user).permit().isPresent(), "nothing left held for " + user);
        }
    }
}
