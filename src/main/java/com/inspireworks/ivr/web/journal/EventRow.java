package com.inspireworks.ivr.web.journal;

import com.inspireworks.ivr.journal.CallEvent;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One stored step of a call, a JavaBean for JSP EL: as stored (type, language, detail, attempt, Plivo's parameters)
 * and in words ({@link CallPath#describe}). {@code to} is the call's number, for the live view's list of steps.
 */
public final class EventRow {

    private final CallEvent event;
    private final String to;

    public EventRow(CallEvent event, String to) {
        this.event = event;
        this.to = to;
    }

    public long getId() {
        return event.id();
    }

    public String getCallId() {
        return event.callId();
    }

    public String getTo() {
        return to;
    }

    public String getAtIso() {
        return ClockText.iso(event.at());
    }

    public String getAt() {
        return ClockText.time(event.at());
    }

    public String getType() {
        return event.type();
    }

    public String getLanguage() {
        return event.language().orElse(null);
    }

    public String getDetail() {
        return event.detail().orElse(null);
    }

    public int getAttempt() {
        return event.attempt();
    }

    /** {@code CallUUID=…, HangupCause=…}, sorted by name. */
    public String getParameters() {
        return new TreeMap<>(event.parameters()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    public String getWords() {
        return CallPath.describe(event);
    }
}
