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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads small JSON request bodies and writes JSON answers (the scripting APIs and /health). One shared mapper. */
public final class Json {

    /** Refuses trailing content: {@code {"to":"+1..."}{"to":"+2..."}} is not one request. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    public static final String CONTENT_TYPE = "application/json;charset=UTF-8";
    /** A JSON request body larger than this is refused unread. */
    public static final int MAX_REQUEST_BYTES = 4096;

    private Json() {
    }

    public static void send(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(bytes.length);
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(bytes);
    }

    public static void error(HttpServletResponse response, int status, String message) throws IOException {
        send(response, status, Map.of("error", message));
    }

    /**
     * The request body as a JSON object; an empty body counts as {@code {}}. Answers 413 or 400 itself and returns
     * empty when the body is too large or not a JSON object.
     */
    public static Optional<JsonNode> readObject(HttpServletRequest request, HttpServletResponse response, String usage)
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

    /** Whether the request says its body is JSON ({@code application/json}, any parameters). */
    public static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        int semicolon = type.indexOf(';');
        String mime = (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return mime.equals("application/json");
    }

    /** The text field {@code name}, or empty when it is missing or not a string. */
    public static Optional<String> text(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }
}
