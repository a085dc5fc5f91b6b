package com.inspireworks.ivr.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** Writes JSON answers (the scripting API and /health). One shared, thread-safe mapper. */
final class Json {

    /** Refuses trailing content: {@code {"to":"+1..."}{"to":"+2..."}} is not one request. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    static final String CONTENT_TYPE = "application/json;charset=UTF-8";

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
}
