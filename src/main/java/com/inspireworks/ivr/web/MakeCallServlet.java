package com.inspireworks.ivr.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.inspireworks.ivr.calls.CallResult;
import com.inspireworks.ivr.calls.OutboundCaller;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /make-call}, for authenticated operators only (web.xml). From the browser form (urlencoded, with the
 * session's CSRF token): places the call and redirects back to the form (POST-redirect-GET) with the outcome. From
 * scripts ({@code Content-Type: application/json}, {@code {"to":"+14155550123"}}; a cross-site form cannot send that
 * content type, so no token is needed): 201 with the Plivo request UUID, 400 for a bad number, body or refused
 * destination, 429 over the rate limit, 502 when Plivo fails. When real calls cannot be placed, both are handed to
 * the simulator ({@link SimulatorCallsServlet}), which answers for them.
 */
public final class MakeCallServlet extends HttpServlet {

    static final String LAST_CALL = LastCall.class.getName();
    private static final String USAGE = "Send a JSON object like {\"to\":\"+14155550123\"}.";

    private transient OutboundCaller caller;

    @Override
    public void init() throws ServletException {
        caller = IvrComponents.of(getServletContext()).caller();
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (!caller.canPlaceCalls()) {
            // Simulation mode: without a Plivo account the call rings the browser's phone page; nothing goes to Plivo.
            request.getRequestDispatcher(SimulatorCallsServlet.PATH).forward(request, response);
            return;
        }
        if (isJson(request)) {
            placeFromJson(request, response);
        } else {
            placeFromForm(request, response);
        }
    }

    private void placeFromForm(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!FormTokens.presentedIn(request)) {
            FormTokens.refuse(response);
            return;
        }
        String input = request.getParameter("to");
        CallResult result = caller.call(operator(request), input);
        if (result instanceof CallResult.RateLimited limited) {
            response.setHeader("Retry-After", String.valueOf(limited.retryAfter().toSeconds()));
            response.sendError(429, limited.message());
            return;
        }
        request.getSession().setAttribute(LAST_CALL, LastCall.of(result, input));
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/");
    }

    private void placeFromJson(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<JsonNode> body = Json.readObject(request, response, USAGE);
        if (body.isEmpty()) {
            return;
        }
        Optional<String> to = Json.text(body.get(), "to");
        if (to.isEmpty()) {
            Json.error(response, HttpServletResponse.SC_BAD_REQUEST, "Field \"to\" (a string) is required. " + USAGE);
            return;
        }
        CallResult result = caller.call(operator(request), to.get());
        if (result instanceof CallResult.RateLimited limited) {
            response.setHeader("Retry-After", String.valueOf(limited.retryAfter().toSeconds()));
        }
        if (result instanceof CallResult.Placed placed) {
            Map<String, String> created = new LinkedHashMap<>();
            created.put("requestUuid", placed.requestUuid());
            created.put("to", placed.to());
            Json.send(response, HttpServletResponse.SC_CREATED, created);
        } else {
            Json.error(response, CallResults.status(result), CallResults.message(result));
        }
    }

    private static String operator(HttpServletRequest request) {
        String user = request.getRemoteUser();
        return user == null ? "(anonymous)" : LogText.of(user);
    }

    static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        int semicolon = type.indexOf(';');
        String mime = (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return mime.equals("application/json");
    }
}
