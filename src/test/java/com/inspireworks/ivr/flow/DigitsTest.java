package com.inspireworks.ivr.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DigitsTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "2", "9", "*", "#"})
    void oneKeyIsAKey(String digits) {
        assertEquals(digits.charAt(0), Digits.singleKey(digits).getAsInt());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"12", "a", " ", "<", "&amp;", "١", "１", "1\n"})
    void anythingElseIsNoKey(String digits) {
        assertTrue(Digits.singleKey(digits).isEmpty());
    }
}
