package com.inspireworks.ivr.web.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.inspireworks.ivr.app.IvrComponents;
import com.inspireworks.ivr.simulator.CallSimulator;
import com.inspireworks.ivr.simulator.CallSimulator.Accepted;
import com.inspireworks.ivr.simulator.CallSimulator.Outcome;
import com.inspireworks.ivr.simulator.CallSimulator.Over;
import com.inspireworks.ivr.simulator.CallSimulator.Stopped;
import com.inspireworks.ivr.simulator.CallSimulator.TooMany;
import com.inspireworks.ivr.simulator.CallView;
import com.inspireworks.ivr.simulator.DialChoice;
import com.inspireworks.ivr.simulator.Timing;
import com.inspireworks.ivr.web.Json;
import com.inspireworks.ivr.web.LogText;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The phone page's JSON API, {@code /simulator/api/calls/{id}}, for the operator who placed the call (anyone else
 * gets 404): {@code GET} the call with its transcript ({@code ?since=n}: only events after number n, also on POST);
 * {@code POST .../answer}, {@code .../decline}, {@code .../keys} {@code {"key":"2"}}, {@code .../silence},
 * {@code .../fast-forward}, {@code .../dial} {@code {"outcome":"busy"}}, {@code .../audio}
 * {@code {"event":12,"seconds":31.5}}, {@code .../hangup}.
 *
 * <p>A POST only queues the action and answers at once, 202 with the call as it was then: the simulator's own
 * threads play it out (requests to the application included), and the page polls GET to see them happen. A request
 * thread never waits for a webhook. 429 (with {@code Retry-After}) when too many actions are already waiting, 409
 * when the call has ended. POSTs must be {@code Content-Type: application/json} (415 otherwise), which a cross-site
 * form cannot send.
 */
public final class SimulatorApiServlet extends HttpServlet {

    static final String ACTIONS = "answer, decline, keys, silence, fast-forward, dial, audio or hangup";
    static final String SINCE_USAGE = "?since= takes the number of the last event you have (0 or more).";

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
        long after = since(request);
        if (after < 0) {
            Json.error(response, HttpServletResponse.SC_BAD_REQUEST, SINCE_USAGE);
            return;
        }
        Optional<CallView> call = validId(path[0]) ? simulator.find(path[0], operator(request)) : Optional.empty();
        if (call.isEmpty()) {
            notFound(response);
            return;
        }
        Json.send(response, HttpServletResponse.SC_OK, SimulatorJson.call(call.get(), after));
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
        long after = since(request);
        if (after < 0) {
            Json.error(response, HttpServletResponse.SC_BAD_REQUEST, SINCE_USAGE);
            return;
        }
        String id = validId(path[0]) ? path[0] : null;
        String operator = operator(request);
        Optional<JsonNode> body = Json.readObject(request, response, "See docs/SIMULATOR.md for the API.");
        if (body.isEmpty()) {
            return;
        }
        Outcome outcome;
        switch (path[1]) {
            case "answer" -> outcome = simulator.answer(id, operator);
            case "decline" -> outcome = simulator.decline(id, operator);
            case "silence" -> outcome = simulator.silence(id, operator);
            case "fast-forward" -> outcome = simulator.fastForward(id, operator);
            case "hangup" -> outcome = simulator.hangUp(id, operator);
            case "keys" -> {
                Optional<String> key = Json.text(body.get(), "key");
                if (key.isEmpty() || key.get().length() != 1 || "0123456789*#".indexOf(key.get().charAt(0)) < 0) {
                    Json.error(response, HttpServletResponse.SC_BAD_REQUEST,
                            "Send {\"key\":\"2\"}: one of 0-9, * and #.");
                    return;
                }
                outcome = simulator.press(id, operator, key.get().charAt(0));
            }
            case "dial" -> {
                Optional<DialChoice> choice = Json.text(body.get(), "outcome").flatMap(DialChoice::fromCode);
                if (choice.isEmpty()) {
                    Json.error(response, HttpServletResponse.SC_BAD_REQUEST,
                            "Send {\"outcome\":\"busy\"}: one of " + DialChoice.codes() + ".");
                    return;
                }
                outcome = simulator.dialEnded(id, operator, choice.get());
            }
            case "audio" -> {
                JsonNode event = body.get().get("event");
                JsonNode seconds = body.get().get("seconds");
                Optional<Duration> length = seconds != null && seconds.isNumber() ? audioLength(seconds.asDouble())
                        : Optional.empty();
                if (event == null || !event.canConvertToLong() || event.asLong() < 1 || length.isEmpty()) {
                    Json.error(response, HttpServletResponse.SC_BAD_REQUEST, "Send {\"event\":12,\"seconds\":31.5}:"
                            + " the number of the transcript's audio event and the recording's length in seconds"
                            + " (more than 0).");
                    return;
                }
                outcome = simulator.audioLength(id, operator, event.asLong(), length.get());
            }
            default -> {
                Json.error(response, HttpServletResponse.SC_NOT_FOUND, "Unknown action '" + LogText.of(path[1])
                        + "': " + ACTIONS + ".");
                return;
            }
        }
        answer(response, outcome, after);
    }

    /** {@code ?since=n}: the number of the last event the client has; 0 without it, -1 when it is not a number. */
    private static long since(HttpServletRequest request) {
        String since = request.getParameter("since");
        if (since == null) {
            return 0;
        }
        try {
            return Math.max(-1, Long.parseLong(since));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Optional<Duration> audioLength(double seconds) {
        try {
            return Optional.of(Timing.audioLength(seconds));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void answer(HttpServletResponse response, Outcome outcome, long after) throws IOException {
        if (outcome instanceof Accepted accepted) {
            Json.send(response, HttpServletResponse.SC_ACCEPTED, SimulatorJson.call(accepted.call(), after));
        } else if (outcome instanceof Over over) {
            Json.error(response, HttpServletResponse.SC_CONFLICT, "The call has ended: "
                    + over.call().endReason());
        } else if (outcome instanceof TooMany tooMany) {
            response.setHeader("Retry-After", "1");
            Json.error(response, 429, tooMany.message());
        } else if (outcome instanceof Stopped stopped) {
            Json.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, stopped.message());
        } else {
            notFound(response);
        }
    }

    private void notFound(HttpServletResponse response) throws IOException {
        Json.error(response, HttpServletResponse.SC_NOT_FOUND, "No such simulated call of yours (calls are"
                + " forgotten " + Timing.describe(simulator.limits().idleExpiry()) + " after anyone last looked at"
                + " them).");
    }

    static boolean validId(String id) {
        return SimulatorPhoneServlet.CALL_ID.matcher(id).matches();
    }

    /** Who asks, named as the one door ({@code OutboundCaller}) names whoever placed the call. */
    static String operator(HttpServletRequest request) {
        String user = request.getRemoteUser();
        return user == null ? "(anonymous)" : LogText.of(user);
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
