package com.inspireworks.ivr.web.journal;

import com.inspireworks.ivr.journal.CallDetail;
import java.time.ZoneOffset;
import java.util.List;

/** What {@code call.jsp} shows of one call: the call, its path in words, its stored steps. A JavaBean for JSP EL. */
public final class CallDetailView {

    private final CallDetail detail;
    private final CallPath path;

    CallDetailView(CallDetail detail) {
        this.detail = detail;
        this.path = CallPath.of(detail);
    }

    public CallRow getCall() {
        return new CallRow(detail.call());
    }

    public List<StepRow> getPath() {
        return path.steps().stream().map(StepRow::new).toList();
    }

    /** The path as one line with UTC times, for copying into a ticket. */
    public String getPathText() {
        return path.text(ZoneOffset.UTC);
    }

    public List<EventRow> getEvents() {
        return detail.events().stream().map(event -> new EventRow(event, detail.call().to())).toList();
    }
}
