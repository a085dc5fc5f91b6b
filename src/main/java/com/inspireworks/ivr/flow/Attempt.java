package com.inspireworks.ivr.flow;

/**
 * Which try at a menu the caller is on, carried in the {@code attempt} query parameter of action URLs so that no
 * server keeps call state and any instance can answer any step. After {@link #MAX} tries the call ends politely.
 */
public record Attempt(int number) {

    public static final int MAX = 3;
    public static final Attempt FIRST = new Attempt(1);
    public static final String PARAMETER = "attempt";

    public Attempt {
        if (number < 1 || number > MAX) {
            throw new IllegalArgumentException("attempt must be 1.." + MAX + ": " + number);
        }
    }

    /**
     * Reads the query parameter. Plivo echoes our own URLs, so anything odd was forged or mangled: a missing or
     * unparsable value counts as the first attempt, and an out-of-range one is clamped (it can only shorten a call).
     */
    public static Attempt parse(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 3) {
            return FIRST;
        }
        int value = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                return FIRST;
            }
            value = value * 10 + (c - '0');
        }
        return new Attempt(Math.max(1, Math.min(MAX, value)));
    }

    public boolean isLast() {
        return number == MAX;
    }

    /** The next try; only valid when this is not the last one. */
    public Attempt next() {
        return new Attempt(number + 1);
    }
}
