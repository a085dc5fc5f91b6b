package com.inspireworks.ivr.web.journal;

import com.inspireworks.ivr.app.IvrComponents;
import com.inspireworks.ivr.journal.CallHistory;
import com.inspireworks.ivr.journal.CallPage;
import com.inspireworks.ivr.journal.Funnel;
import com.inspireworks.ivr.journal.JournalUnavailableException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code GET /calls}: the journal's calls, newest first, filtered and paged as {@link CallSearch} reads the query,
 * with the funnel of the period drawn above them ({@code /WEB-INF/jsp/calls.jsp}). A filter that cannot be read shows
 * the form again with the reason (400); an unavailable journal says so (503).
 */
public final class CallListServlet extends HttpServlet {

    private transient CallHistory history;
    private transient Clock clock;

    @Override
    public void init() throws ServletException {
        history = IvrComponents.of(getServletContext()).history();
        clock = Clock.systemUTC();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        request.setAttribute("states", JournalPages.STATES);
        request.setAttribute("outcomes", JournalPages.OUTCOMES);
        CallSearch.Parsed parsed = CallSearch.parse(request.getParameterMap());
        if (parsed instanceof CallSearch.Refused refused) {
            request.setAttribute("filters", refused.given());
            request.setAttribute("problem", refused.message());
            JournalPages.show(request, response, HttpServletResponse.SC_BAD_REQUEST, JournalPages.CALLS_JSP);
            return;
        }
        CallSearch search = ((CallSearch.Valid) parsed).search();
        request.setAttribute("filters", search.given());
        Instant now = clock.instant();
        CallPage page;
        Funnel funnel;
        try {
            page = history.search(search.query());
            funnel = history.funnel(search.funnelSince(now), search.funnelUntil(now));
        } catch (IllegalArgumentException e) {
            if (search.query().after().isEmpty()) {
                throw e;
            }
            // The journal refuses a cursor it did not make.
            request.setAttribute("problem", "after: " + e.getMessage());
            JournalPages.show(request, response, HttpServletResponse.SC_BAD_REQUEST, JournalPages.CALLS_JSP);
            return;
        } catch (JournalUnavailableException e) {
            JournalPages.logUnavailable("a search", e);
            request.setAttribute("problem", JournalPages.UNAVAILABLE);
            JournalPages.show(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, JournalPages.CALLS_JSP);
            return;
        }
        request.setAttribute("page", new CallListView(search, page, funnel));
        JournalPages.show(request, response, HttpServletResponse.SC_OK, JournalPages.CALLS_JSP);
    }
}
