package com.inspireworks.ivr.web.journal;

import com.inspireworks.ivr.journal.CallDetail;
import com.inspireworks.ivr.journal.CallEvent;
import com.inspireworks.ivr.journal.CallPage;
import com.inspireworks.ivr.journal.CallRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The journal in JSON for scripts ({@code /api/calls}) and the live view: field names and order as documented,
 * {@code null} for what is not known yet, times as ISO-8601 instants in UTC, states as their codes.
 */
public final class CallJson {

    private CallJson() {
    }

    /** {@code {"calls":[...],"next":"<cursor>"|null}}. */
    public static Map<String, Object> page(CallPage page) {
        List<Map<String, Object>> calls = new ArrayList<>(page.calls().size());
        page.calls().forEach(call -> calls.add(call(call)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("calls", calls);
        json.put("next", page.next().orElse(null));
        return json;
    }

    /** A call with its steps: the fields of {@link #call} and {@code "events":[...]}, oldest first. */
    public static Map<String, Object> detail(CallDetail detail) {
        Map<String, Object> json = call(detail.call());
        List<Map<String, Object>> events = new ArrayList<>(detail.events().size());
        detail.events().forEach(event -> events.add(event(event)));
        json.put("events", events);
        return json;
    }

    public static Map<String, Object> call(CallRecord call) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", call.id());
        json.put("to", call.to());
        json.put("from", call.from());
        json.put("requestUuid", call.requestUuid().orElse(null));
        json.put("callUuid", call.callUuid().orElse(null));
        json.put("state", call.state().code());
        json.put("language", call.language().orElse(null));
        json.put("option", call.option().orElse(null));
        json.put("dialStatus", call.dialStatus().orElse(null));
        json.put("hangupCause", call.hangupCause().orElse(null));
        json.put("durationSeconds", call.durationSeconds().orElse(null));
        json.put("requestedAt", time(call.requestedAt()));
        json.put("endedAt", call.endedAt().map(CallJson::time).orElse(null));
        json.put("simulated", call.simulated());
        return json;
    }

    public static Map<String, Object> event(CallEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", event.id());
        json.put("callId", event.callId());
        json.put("at", time(event.at()));
        json.put("type", event.type());
        json.put("language", event.language().orElse(null));
        json.put("detail", event.detail().orElse(null));
        json.put("attempt", event.attempt());
        json.put("parameters", new TreeMap<>(event.parameters()));
        return json;
    }

    static String time(Instant instant) {
        return instant.toString();
    }
}
