package com.inspireworks.ivr.web.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.inspireworks.ivr.app.IvrComponents;
import com.inspireworks.ivr.calls.CallResult;
import com.inspireworks.ivr.calls.CallRoute;
import com.inspireworks.ivr.calls.OutboundCaller;
import com.inspireworks.ivr.web.FormTokens;
import com.inspireworks.ivr.web.Json;
import com.inspireworks.ivr.web.LogText;
import com.inspireworks.ivr.web.journal.CallApiServlet;
import com.inspireworks.ivr.web.simulator.SimulatorJson;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Places a call, for authenticated operators only (web.xml): {@code POST /make-call} (through Plivo when it is
 * configured, else in the simulator) and {@code POST /simulator/calls} (always in the simulator: the form's
 * "Simulate a call", and its JSON twin {@code /simulator/api/calls}). All go through the same door,
 * {@link OutboundCaller}: same number rules, destination policy, rate limits and journal.
 *
 * <p>From the browser form (urlencoded, with the session's CSRF token): a real call redirects back to the form with
 * the outcome (POST-redirect-GET), a simulated one to its phone page. From scripts
 * ({@code Content-Type: application/json}, {@code {"to":"+14155550123"}}; a cross-site form cannot send that
 * content type, so no token is needed): 201 with the call ({@code callId}, {@code callUrl} = its journal record at
 * {@code /api/calls/{id}}, which is also the {@code Location} of a real call; a simulated call's {@code Location} is
 * its phone page, where it is driven), 400 for a bad number, body or refused destination, 429
 * over the rate limit, 502 when Plivo fails, 503 when calls cannot be placed now. A JSON body sent without the JSON
 * content type gets 415 with the fix, and so does any other content type.
 */
public final class MakeCallServlet extends HttpServlet {

    /** The simulator's paths (the form's "Simulate a call" and its JSON twin) always place simulated calls. */
    static final String SIMULATOR_PATHS = "/simulator/";
    static final String LAST_CALL = LastCall.class.getName();
    private static final String USAGE = "Send a JSON object like {\"to\":\"+14155550123\"}.";

    private transient OutboundCaller caller;

    @Override
    public void init() throws ServletException {
        caller = IvrComponents.of(getServletContext()).caller();
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CallRoute route = request.getServletPath().startsWith(SIMULATOR_PATHS) ? CallRoute.SIMULATOR
                : caller.defaultRoute();
        if (Json.isJson(request)) {
            placeFromJson(request, response, route);
        } else if (isForm(request)) {
            if (looksLikeJson(request)) {
                Json.error(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "The body looks like JSON but"
                        + " was sent as a form: add the header Content-Type: application/json (with curl: -H"
                        + " 'Content-Type: application/json'). " + USAGE);
                return;
            }
            placeFromForm(request, response, route);
        } else {
            Json.error(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "Send Content-Type:"
                    + " application/json with a body like {\"to\":\"+14155550123\"}, or use the call form.");
        }
    }

    private void placeFromForm(HttpServletRequest request, HttpServletResponse response, CallRoute route)
            throws IOException {
        if (!FormTokens.presentedIn(request)) {
            FormTokens.refuse(response);
            return;
        }
        String input = request.getParameter("to");
        CallResult result = caller.call(operator(request), input, route);
        if (result instanceof CallResult.RateLimited limited) {
            response.setHeader("Retry-After", String.valueOf(limited.retryAfter().toSeconds()));
            response.sendError(429, limited.message());
            return;
        }
        String location;
        if (result instanceof CallResult.Placed placed && placed.route() == CallRoute.SIMULATOR) {
            location = request.getContextPath() + SimulatorJson.PHONE_PAGE + placed.callId();
        } else {
            request.getSession().setAttribute(LAST_CALL, LastCall.of(result, input));
            location = request.getContextPath() + "/";
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
    }

    private void placeFromJson(HttpServletRequest request, HttpServletResponse response, CallRoute route)
            throws IOException {
        Optional<JsonNode> body = Json.readObject(request, response, USAGE);
        if (body.isEmpty()) {
            return;
        }
        Optional<String> to = Json.text(body.get(), "to");
        if (to.isEmpty()) {
            Json.error(response, HttpServletResponse.SC_BAD_REQUEST, "Field \"to\" (a string) is required. " + USAGE);
            return;
        }
        CallResult result = caller.call(operator(request), to.get(), route);
        if (result instanceof CallResult.RateLimited limited) {
            response.setHeader("Retry-After", String.valueOf(limited.retryAfter().toSeconds()));
        }
        if (result instanceof CallResult.Placed placed) {
            Map<String, Object> created = new LinkedHashMap<>();
            created.put("callId", placed.callId());
            created.put("requestUuid", placed.requestUuid());
            created.put("to", placed.to());
            created.put("simulated", placed.route() == CallRoute.SIMULATOR);
            String callUrl = CallApiServlet.url(request, placed.callId());
            created.put("callUrl", callUrl);
            if (placed.route() == CallRoute.SIMULATOR) {
                // A simulated call's next step is its phone page (answer, press keys), as docs/SIMULATOR.md says;
                // its journal record is callUrl, like a real call's.
                String phoneUrl = SimulatorJson.phoneUrl(request, placed.callId());
                created.put("phoneUrl", phoneUrl);
                response.setHeader("Location", phoneUrl);
            } else {
                response.setHeader("Location", callUrl);
            }
            Json.send(response, HttpServletResponse.SC_CREATED, created);
        } else {
            Json.error(response, CallResults.status(result), CallResults.message(result));
        }
    }

    private static String operator(HttpServletRequest request) {
        String user = request.getRemoteUser();
        return user == null ? "(anonymous)" : LogText.of(user);
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** {@code curl -d '{"to":"+1..."}'} without {@code -H}: one form parameter whose name is the JSON text. */
    private static boolean looksLikeJson(HttpServletRequest request) {
        Enumeration<String> names = request.getParameterNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement().stripLeading();
            if (name.startsWith("{") || name.startsWith("[")) {
                return true;
            }
        }
        return false;
    }
}
