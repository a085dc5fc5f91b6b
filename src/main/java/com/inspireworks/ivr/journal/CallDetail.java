package com.inspireworks.ivr.journal;

import java.util.List;

/** A call with every stored step, oldest first: the caller's path. */
public record CallDetail(CallRecord call, List<CallEvent> events) {

    public CallDetail {
        events = List.copyOf(events);
    }
}
