package com.inspireworks.ivr.web.journal;

import java.util.List;

/** What {@code live-calls.jsp} shows when it opens. A JavaBean for JSP EL. */
public final class LiveCallsView {

    private final List<CallRow> calls;
    private final List<EventRow> steps;
    private final long lastEventId;

    LiveCallsView(List<CallRow> calls, List<EventRow> steps, long lastEventId) {
        this.calls = List.copyOf(calls);
        this.steps = List.copyOf(steps);
        this.lastEventId = lastEventId;
    }

    /** Calls not yet ended, newest first. */
    public List<CallRow> getCalls() {
        return calls;
    }

    /** The latest steps, newest first. */
    public List<EventRow> getSteps() {
        return steps;
    }

    /** The newest step when the page was built: the live stream continues after it. */
    public long getLastEventId() {
        return lastEventId;
    }
}
