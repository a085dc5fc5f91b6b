package com.inspireworks.ivr.web.journal;

import com.inspireworks.ivr.app.IvrComponents;
import com.inspireworks.ivr.journal.CallDetail;
import com.inspireworks.ivr.journal.CallEvent;
import com.inspireworks.ivr.journal.CallHistory;
import com.inspireworks.ivr.journal.CallRecord;
import com.inspireworks.ivr.journal.JournalUnavailableException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /calls/live}: the calls in progress and the latest steps as they are now
 * ({@code /WEB-INF/jsp/live-calls.jsp}); its script ({@code static/live-calls.js}) then follows
 * {@code /api/calls/events} from the last step shown.
 */
public final class LiveCallsServlet extends HttpServlet {

    /** Calls in progress shown at most. */
    static final int CALLS = 100;
    /** Latest steps shown when the page opens. */
    static final int STEPS = 20;

    private transient CallHistory history;

    @Override
    public void init() throws ServletException {
        history = IvrComponents.of(getServletContext()).history();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            request.setAttribute("live", view(history));
        } catch (JournalUnavailableException e) {
            JournalPages.logUnavailable("the live view", e);
            JournalPages.problem(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "Journal unavailable", JournalPages.UNAVAILABLE);
            return;
        }
        JournalPages.show(request, response, HttpServletResponse.SC_OK, JournalPages.LIVE_JSP);
    }

    /**
     * The calls in progress, and the steps stored just before the newest one (event ids grow, possibly with gaps, so
     * this shows at most {@link #STEPS}), newest first, each with its call's number. The newest event id is read
     * first and the stream resumes after it: what is stored while the page is built is sent again, and the script
     * takes each call and step once.
     */
    static LiveCallsView view(CallHistory history) throws JournalUnavailableException {
        long last = history.lastEventId();
        List<CallRecord> calls = history.live(CALLS);
        List<CallEvent> recent = history.eventsAfter(Math.max(0, last - STEPS), STEPS);
        Map<String, String> numbers = new HashMap<>();
        calls.forEach(call -> numbers.put(call.id(), call.to()));
        List<EventRow> steps = new ArrayList<>(recent.size());
        for (CallEvent event : recent) {
            String to = numbers.get(event.callId());
            if (to == null) {
                to = history.find(event.callId()).map(CallDetail::call).map(CallRecord::to).orElse("");
                numbers.put(event.callId(), to);
            }
            steps.add(0, new EventRow(event, to));
        }
        return new LiveCallsView(calls.stream().map(CallRow::new).toList(), steps, last);
    }
}
