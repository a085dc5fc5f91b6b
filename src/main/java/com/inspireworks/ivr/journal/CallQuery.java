package com.inspireworks.ivr.journal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A search of the journal: newest first, every filter optional.
 *
 * @param number the destination, E.164 (exact match after normalisation by the caller)
 * @param since calls requested at or after this instant
 * @param until calls requested before this instant
 * @param state only calls in this state
 * @param outcome only calls with this outcome
 * @param limit page size, 1..{@link #MAX_LIMIT}
 * @param after the {@code next} cursor of the previous page
 */
public record CallQuery(Optional<String> number, Optional<Instant> since, Optional<Instant> until,
        Optional<CallState> state, Optional<CallOutcome> outcome, int limit, Optional<String> after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public CallQuery {
        Objects.requireNonNull(number);
        Objects.requireNonNull(since);
        Objects.requireNonNull(until);
        Objects.requireNonNull(state);
        Objects.requireNonNull(outcome);
        Objects.requireNonNull(after);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
    }

    /** Every call, newest first, one default page. */
    public static CallQuery all() {
        return new CallQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), DEFAULT_LIMIT, Optional.empty());
    }
}
