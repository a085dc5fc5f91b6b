package com.inspireworks.ivr.web.simulator;

import com.inspireworks.ivr.app.IvrComponents;
import com.inspireworks.ivr.web.Json;
import com.inspireworks.ivr.web.LogText;

import com.fasterxml.jackson.databind.JsonNode;
import com.inspireworks.ivr.simulator.CallSimulator;
import com.inspireworks.ivr.simulator.CallView;
import com.inspireworks.ivr.simulator.DialChoice;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The phone page's JSON API, {@code /simulator/api/calls/{id}}: {@code GET} the call with its transcript;
 * {@code POST .../answer}, {@code .../decline}, {@code .../keys} {@code {"key":"2"}}, {@code .../silence},
 * {@code .../dial} {@code {"outcome":"answered|busy|no-answer"}}, {@code .../hangup}. Every answer is the call as
 * it is afterwards. POSTs must be {@code Content-Type: application/json} (415 otherwise), which a cross-site form
 * cannot send.
 */
public final class SimulatorApiServlet extends HttpServlet {

    private transient CallSimulator simulator;

    @Override
    public void init() throws ServletException {
        simulator = IvrComponents.of(getServletContext()).simulator();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] path = path(request);
        if (path.length != 1) {
            Json.error(response, HttpServletResponse.SC_NOT_FOUND, "Use GET /simulator/api/calls/{id}.");
            return;
        }
        answer(response, validId(path[0]) ? simulator.find(path[0]) : Optional.empty());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] path = path(request);
        if (path.length != 2) {
            Json.error(response, HttpServletResponse.SC_NOT_FOUND, "Use POST /simulator/api/calls/{id}/{action}.");
            return;
        }
        if (!Json.isJson(request)) {
            Json.error(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                    "Send Content-Type: application/json.");
            return;
        }
        String id = validId(path[0]) ? path[0] : null;
        String action = path[1];
        Optional<JsonNode> body = Json.readObject(request, response, "See /simulator/api documentation.");
        if (body.isEmpty()) {
            return;
        }
        switch (action) {
            case "answer" -> answer(response, simulator.answer(id));
            case "decline" -> answer(response, simulator.decline(id));
            case "silence" -> answer(response, simulator.silence(id));
            case "hangup" -> answer(response, simulator.hangUp(id));
            case "keys" -> {
                Optional<String> key = Json.text(body.get(), "key");
                if (key.isEmpty() || key.get().length() != 1 || "0123456789*#".indexOf(key.get().charAt(0)) < 0) {
                    Json.error(response, HttpServletResponse.SC_BAD_REQUEST,
                            "Send {\"key\":\"2\"}: one of 0-9, * and #.");
                    return;
                }
                answer(response, simulator.press(id, key.get().charAt(0)));
            }
            case "dial" -> {
                Optional<DialChoice> choice = Json.text(body.get(), "outcome").flatMap(DialChoice::fromCode);
                if (choice.isEmpty()) {
                    Json.error(response, HttpServletResponse.SC_BAD_REQUEST,
                            "Send {\"outcome\":\"answered\"}, \"busy\" or \"no-answer\".");
                    return;
                }
                answer(response, simulator.dialEnded(id, choice.get()));
            }
            default -> Json.error(response, HttpServletResponse.SC_NOT_FOUND, "Unknown action '" + LogText.of(action)
                    + "': answer, decline, keys, silence, dial or hangup.");
        }
    }

    private static void answer(HttpServletResponse response, Optional<CallView> call) throws IOException {
        if (call.isEmpty()) {
            Json.error(response, HttpServletResponse.SC_NOT_FOUND, "No such simulated call (calls are forgotten"
                    + " " + CallSimulator.DEFAULT_IDLE_EXPIRY.toMinutes() + " minutes after the last action).");
            return;
        }
        Json.send(response, HttpServletResponse.SC_OK, SimulatorJson.call(call.get()));
    }

    private static boolean validId(String id) {
        return SimulatorPhoneServlet.CALL_ID.matcher(id).matches();
    }

    /** The path after {@code /simulator/api/calls}, split: [id] or [id, action]. */
    private static String[] path(HttpServletRequest request) {
        String info = request.getPathInfo();
        if (info == null || info.length() < 2) {
            return new String[0];
        }
        return info.substring(1).split("/", -1);
    }
}
