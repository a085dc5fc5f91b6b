package com.inspireworks.ivr.web.journal;

import com.inspireworks.ivr.journal.CallOutcome;
import com.inspireworks.ivr.journal.CallState;
import com.inspireworks.ivr.journal.JournalUnavailableException;
import com.inspireworks.ivr.web.FormTokens;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/** What the journal's pages and API share: call ids, the JSPs, and how a problem is told. */
final class JournalPages {

    /** Our call ids are UUIDs (OutboundCaller); anything else is no call of ours and is answered 404 unread. */
    static final Pattern CALL_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final String UNAVAILABLE = "The call journal is unavailable right now, so calls cannot be shown. Placing"
            + " calls and the IVR itself are not affected. Try again in a minute; /health shows the journal's state.";

    static final String CALLS_JSP = "/WEB-INF/jsp/calls.jsp";
    static final String CALL_JSP = "/WEB-INF/jsp/call.jsp";
    static final String LIVE_JSP = "/WEB-INF/jsp/live-calls.jsp";
    static final String PROBLEM_JSP = "/WEB-INF/jsp/journal-problem.jsp";

    /** State codes and labels for the search form. */
    static final Map<String, String> STATES;
    /** Outcome codes and labels for the search form. */
    static final Map<String, String> OUTCOMES;

    static {
        Map<String, String> states = new LinkedHashMap<>();
        for (CallState state : CallState.values()) {
            states.put(state.code(), CallRow.label(state));
        }
        STATES = Collections.unmodifiableMap(states);
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (CallOutcome outcome : CallOutcome.values()) {
            outcomes.put(outcome.code(), CallRow.label(outcome));
        }
        OUTCOMES = Collections.unmodifiableMap(outcomes);
    }

    private static final Logger LOG = Logger.getLogger(JournalPages.class.getName());

    private JournalPages() {
    }

    /** The call id of {@code /calls/{id}} or {@code /api/calls/{id}}; empty for any other path. */
    static Optional<String> callId(HttpServletRequest request) {
        String path = request.getPathInfo();
        if (path == null || path.length() < 2) {
            return Optional.empty();
        }
        String id = path.substring(1);
        return CALL_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    static void show(HttpServletRequest request, HttpServletResponse response, int status, String jsp)
            throws ServletException, IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        FormTokens.expose(request);   // the navigation's Sign out posts the session's form token
        request.getRequestDispatcher(jsp).forward(request, response);
    }

    /** A page that says what went wrong and leads back to the list of calls. */
    static void problem(HttpServletRequest request, HttpServletResponse response, int status, String title,
            String message) throws ServletException, IOException {
        request.setAttribute("problemTitle", title);
        request.setAttribute("problem", message);
        show(request, response, status, PROBLEM_JSP);
    }

    /** Logs why the journal could not answer (the operator sees {@link #UNAVAILABLE}, not database details). */
    static void logUnavailable(String what, JournalUnavailableException e) {
        LOG.warning(() -> "The call journal could not answer " + what + ": " + e.getMessage()
                + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
        LOG.log(Level.FINE, "Journal failure", e);
    }
}
