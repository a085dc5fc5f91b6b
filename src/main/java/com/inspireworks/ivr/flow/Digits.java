package com.inspireworks.ivr.flow;

import java.util.OptionalInt;

/**
 * The {@code Digits} parameter Plivo posts to a GetDigits action. Menus take exactly one key; anything else
 * (missing, empty, several keys, letters, markup, non-ASCII) is an invalid choice, never an error.
 */
public final class Digits {

    private Digits() {
    }

    /** The single key pressed, or empty when the value is not exactly one of 0-9, * or #. */
    public static OptionalInt singleKey(String digits) {
        if (digits == null || digits.length() != 1) {
            return OptionalInt.empty();
        }
        char c = digits.charAt(0);
        return (c >= '0' && c <= '9') || c == '*' || c == '#' ? OptionalInt.of(c) : OptionalInt.empty();
    }
}
