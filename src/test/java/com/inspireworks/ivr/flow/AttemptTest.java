package com.inspireworks.ivr.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttemptTest {

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
        "NULL, 1", "'', 1", "1, 1", "2, 2", "3, 3", "0, 1", "4, 3", "999, 3", "1000, 1", "-1, 1", "x, 1", "2a, 1",
        "' 2', 1", "٢, 1"})
    void parsesTheQueryParameterAndNeverLetsItExtendACall(String raw, int expected) {
        assertEquals(expected, Attempt.parse(raw).number());
    }

    @Test
    void countsUpToTheLimit() {
        assertFalse(Attempt.FIRST.isLast());
        assertEquals(2, Attempt.FIRST.next().number());
        assertTrue(new Attempt(Attempt.MAX).isLast());
        assertThrows(IllegalArgumentException.class, () -> new Attempt(Attempt.MAX).next());
    }
}
