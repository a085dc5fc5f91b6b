package com.inspireworks.ivr.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.inspireworks.ivr.calls.CallResult;
import com.inspireworks.ivr.simulator.CallSimulator;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /simulator/calls} (and {@code POST /simulator/api/calls}): places a simulated call. Nothing is sent to
 * Plivo. From the call form (urlencoded {@code to} and the session's CSRF token, 403 without it): 303 to the call's
 * phone page, or back to the form with the reason. From scripts ({@code Content-Type: application/json}, {@code {"to":"+14155550123"}}): 201 with
 * {@code callId}, {@code phoneUrl} and {@code to}; 400 for a bad number, 503 when too many calls are in progress.
 * {@code POST /make-call} forwards here when real calls cannot be placed.
 */
public final class SimulatorCallsServlet extends HttpServlet {

    static final String PATH = "/simulator/calls";
    private static final String USAGE = "Send a JSON object like {\"to\":\"+14155550123\"}.";

    private transient CallSimulator simulator;

    @Override
    public void init() throws ServletException {
        simulator = IvrComponents.of(getServletContext()).simulator();
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (MakeCallServlet.isJson(request)) {
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
        CallSimulator.Placement placement = simulator.place(input);
        String location;
        if (placement instanceof CallSimulator.Placed placed) {
            location = request.getContextPath() + SimulatorJson.PHONE_PAGE + placed.call().id();
        } else {
            String message = placement instanceof CallSimulator.Rejected rejected
                    ? rejected.message()
                    : ((CallSimulator.Full) placement).message();
            request.getSession().setAttribute(MakeCallServlet.LAST_CALL,
                    LastCall.of(new CallResult.Rejected(message), input));
            location = request.getContextPath() + "/";
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
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
        CallSimulator.Placement placement = simulator.place(to.get());
        if (placement instanceof CallSimulator.Placed placed) {
            String phoneUrl = SimulatorJson.phoneUrl(request, placed.call().id());
            Map<String, Object> created = new LinkedHashMap<>();
            created.put("callId", placed.call().id());
            created.put("phoneUrl", phoneUrl);
            created.put("to", placed.call().to());
            created.put("state", SimulatorJson.code(placed.call().state()));
            response.setHeader("Location", phoneUrl);
            Json.send(response, HttpServletResponse.SC_CREATED, created);
        } else if (placement instanceof CallSimulator.Rejected rejected) {
            Json.error(response, HttpServletResponse.SC_BAD_REQUEST, rejected.message());
        } else {
            Json.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, ((CallSimulator.Full) placement).message());
        }
    }
}
