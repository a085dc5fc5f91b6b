package com.inspireworks.ivr.web.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CallEventsServletTest {

    @Test
    void theBrowsersLastEventIdWinsOverThePagesAfter() {
        assertEquals(OptionalLong.of(42), CallEventsServlet.resumeAfter("42", "7"));
        assertEquals(OptionalLong.of(7), CallEventsServlet.resumeAfter(null, "7"));
        assertEquals(OptionalLong.of(7), CallEventsServlet.resumeAfter(" ", " 7 "));
        assertEquals(OptionalLong.empty(), CallEventsServlet.resumeAfter(null, null));
        assertEquals(OptionalLong.empty(), CallEventsServlet.resumeAfter("", ""));
    }

    @Test
    void anIdThatIsNotAWholeNumberIsRefusedByName() {
        assertEquals("Last-Event-ID must be the id of a step (a whole number), as the stream sent it.",
                assertThrows(IllegalArgumentException.class,
                        () -> CallEventsServlet.resumeAfter("-1", null)).getMessage());
        assertEquals("after must be the id of a step (a whole number), as the stream sent it.",
                assertThrows(IllegalArgumentException.class,
                        () -> CallEventsServlet.resumeAfter(null, "1e9")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> CallEventsServlet.resumeAfter("9".repeat(19), null));
    }
}
