package com.inspireworks.ivr.web.journal;

import com.inspireworks.ivr.app.IvrComponents;
import com.inspireworks.ivr.journal.CallDetail;
import com.inspireworks.ivr.journal.CallHistory;
import com.inspireworks.ivr.journal.CallPage;
import com.inspireworks.ivr.journal.JournalUnavailableException;
import com.inspireworks.ivr.web.Json;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The journal as JSON for scripts. {@code GET /api/calls?to=&since=&until=&state=&outcome=&limit=&after=&tz=}:
 * {@code {"calls":[…],"next":…}}, newest first (see {@link CallSearch}; {@code next} is the {@code after} of the
 * following page, null on the last). {@code GET /api/calls/{id}}: the call with {@code "events":[…]}. 400 with a
 * message naming the bad parameter, 404 for an unknown call, 503 when the journal cannot be read.
 */
public final class CallApiServlet extends HttpServlet {

    /** Where a call's JSON lives, after the context path. */
    public static final String CALL_PATH = "/api/calls/";

    private transient CallHistory history;

    @Override
    public void init() throws ServletException {
        history = IvrComponents.of(getServletContext()).history();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null || path.equals("/")) {
            search(request, response);
        } else {
            call(request, response);
        }
    }

    /** The absolute URL of a call's JSON, on the scheme, host and port the client used. */
    public static String url(HttpServletRequest request, String callId) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath()
                + CALL_PATH + callId;
    }

    private void search(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CallSearch.Parsed parsed = CallSearch.parse(request.getParameterMap());
        if (parsed instanceof CallSearch.Refused refused) {
            Json.error(response, HttpServletResponse.SC_BAD_REQUEST, refused.message());
            return;
        }
        CallSearch search = ((CallSearch.Valid) parsed).search();
        CallPage page;
        try {
            page = history.search(search.query());
        } catch (IllegalArgumentException e) {
            if (search.query().after().isEmpty()) {
                throw e;
            }
            Json.error(response, HttpServletResponse.SC_BAD_REQUEST, "after: " + e.getMessage());
            return;
        } catch (JournalUnavailableException e) {
            JournalPages.logUnavailable("a search", e);
            Json.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, JournalPages.UNAVAILABLE);
            return;
        }
        Json.send(response, HttpServletResponse.SC_OK, CallJson.page(page));
    }

    private void call(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> id = JournalPages.callId(request);
        Optional<CallDetail> call;
        try {
            call = id.isPresent() ? history.find(id.get()) : Optional.empty();
        } catch (JournalUnavailableException e) {
            JournalPages.logUnavailable("a call", e);
            Json.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, JournalPages.UNAVAILABLE);
            return;
        }
        if (call.isEmpty()) {
            Json.error(response, HttpServletResponse.SC_NOT_FOUND, id.isPresent()
                    ? "The journal has no call " + id.get() + " (calls are purged after the retention period)."
                    : "Use GET /api/calls/{id} with a call id such as the callId that POST /make-call answered.");
            return;
        }
        Json.send(response, HttpServletResponse.SC_OK, CallJson.detail(call.get()));
    }
}
