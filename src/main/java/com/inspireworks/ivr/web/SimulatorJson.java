package com.inspireworks.ivr.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.inspireworks.ivr.simulator.CallView;
import com.inspireworks.ivr.simulator.TranscriptEvent;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The simulator's JSON: reading small request bodies and writing a call the way the phone page reads it. */
final class SimulatorJson {

    /** Where a call's phone page lives, after the context path. */
    static final String PHONE_PAGE = "/simulator/calls/";

    private SimulatorJson() {
    }

    /**
     * The request body as a JSON object; an empty body counts as {@code {}}. Answers 413 or 400 itself and returns
     * empty when the body is too large or not a JSON object.
     */
    static Optional<JsonNode> readObject(HttpServletRequest request, HttpServletResponse response, String usage)
            throws IOException {
        if (request.getContentLengthLong() > MakeCallServlet.MAX_JSON_BYTES) {
            Json.error(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Request body too large. " + usage);
            return Optional.empty();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MakeCallServlet.MAX_JSON_BYTES + 1);
        }
        if (body.length > MakeCallServlet.MAX_JSON_BYTES) {
            Json.error(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Request body too large. " + usage);
            return Optional.empty();
        }
        if (new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return Optional.of(Json.MAPPER.createObjectNode());
        }
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            if (json != null && json.isObject()) {
                return Optional.of(json);
            }
        } catch (JacksonException e) {
            // answered below
        }
        Json.error(response, HttpServletResponse.SC_BAD_REQUEST, "The body is not a JSON object. " + usage);
        return Optional.empty();
    }

    /** The text field {@code name}, or empty when it is missing or not a string. */
    static Optional<String> text(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** The absolute URL of a call's phone page, on the host and port the client used. */
    static String phoneUrl(HttpServletRequest request, String callId) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath()
                + PHONE_PAGE + callId;
    }

    static Map<String, Object> call(CallView call) {
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
        List<Map<String, Object>> events = new ArrayList<>(call.events().size());
        for (TranscriptEvent event : call.events()) {
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
