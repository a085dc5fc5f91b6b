package com.inspireworks.ivr.web.simulator;

import com.inspireworks.ivr.simulator.CallView;
import com.inspireworks.ivr.simulator.TranscriptEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The simulator's JSON: a call the way the phone page reads it, and where its page lives. */
public final class SimulatorJson {

    /** Where a call's phone page lives, after the context path. */
    public static final String PHONE_PAGE = "/simulator/calls/";

    private SimulatorJson() {
    }

    /** The absolute URL of a call's phone page, on the host and port the client used. */
    public static String phoneUrl(HttpServletRequest request, String callId) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath()
                + PHONE_PAGE + callId;
    }

    /**
     * A call the way the phone page reads it: state, what it waits for and how long still, and the transcript events
     * numbered above {@code after} (0 for all of them).
     */
    static Map<String, Object> call(CallView call, long after) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("callId", call.id());
        json.put("to", call.to());
        json.put("from", call.from());
        json.put("callUuid", call.callUuid());
        json.put("state", code(call.state()));
        json.put("awaiting", code(call.awaiting()));
        json.put("keysSoFar", call.keysSoFar());
        json.put("dialNumbers", call.dialNumbers());
        json.put("endReason", call.endReason());
        json.put("createdAt", call.createdAt().toString());
        json.put("elapsedMs", call.elapsed().toMillis());
        json.put("pending", call.pending());
        call.countdown().ifPresentOrElse(countdown -> {
            Map<String, Object> wait = new LinkedHashMap<>();
            wait.put("what", countdown.what());
            wait.put("remainingMs", call.remaining().orElseThrow().toMillis());
            wait.put("totalMs", countdown.total().toMillis());
            json.put("countdown", wait);
        }, () -> json.put("countdown", null));
        List<Map<String, Object>> events = new ArrayList<>();
        for (TranscriptEvent event : call.events()) {
            if (event.sequence() <= after) {
                continue;
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("seq", event.sequence());
            e.put("at", event.at().toString());
            e.put("kind", code(event.kind()));
            e.put("text", event.text());
            if (event.language() != null) {
                e.put("language", event.language());
                e.put("voice", event.voice());
            }
            if (event.url() != null) {
                e.put("url", event.url());
            }
            if (event.repeat() != 1) {
                e.put("repeat", event.repeat());
            }
            if (event.duration() != null) {
                e.put("durationMs", event.duration().toMillis());
            }
            events.add(e);
        }
        json.put("events", events);
        return json;
    }

    /** {@code IN_PROGRESS} → {@code in-progress}. */
    static String code(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
