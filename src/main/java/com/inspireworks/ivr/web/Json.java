package com.inspireworks.ivr.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** Reads small JSON request bodies and writes JSON answers (the scripting APIs and /health). One shared mapper. */
final class Json {

    /** Refuses trailing content: {@code {"to":"+1..."}{"to":"+2..."}} is not one request. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    static final String CONTENT_TYPE = "application/json;charset=UTF-8";
    /** A JSON request body larger than this is refused unread. */
    static final int MAX_REQUEST_BYTES = 4096;

    private Json() {
    }

    static void send(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(bytes.length);
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(bytes);
    }

    static void error(HttpServletResponse response, int status, String message) throws IOException {
        send(response, status, Map.of("error", message));
    }

    /**
     * The request body as a JSON object; an empty body counts as {@code {}}. Answers 413 or 400 itself and returns
     * empty when the body is too large or not a JSON object.
     */
    static Optional<JsonNode> readObject(HttpServletRequest request, HttpServletResponse response, String usage)
            throws IOException {
        if (request.getContentLengthLong() > MAX_REQUEST_BYTES) {
            Json.error(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Request body too large. " + usage);
            return Optional.empty();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_REQUEST_BYTES + 1);
        }
        if (body.length > MAX_REQUEST_BYTES) {
            Json.error(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Request body too large. " + usage);
            return Optional.empty();
        }
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
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
}
