package com.inspireworks.ivr.journal;

import java.util.List;
import java.util.Optional;

/** One page of search results, newest first; {@code next} is the opaque cursor of the following page, if any. */
public record CallPage(List<CallRecord> calls, Optional<String> next) {

    public CallPage {
        calls = List.copyOf(calls);
    }
}
