package com.inspireworks.ivr.web.journal;

import com.inspireworks.ivr.app.IvrComponents;
import com.inspireworks.ivr.journal.CallDetail;
import com.inspireworks.ivr.journal.CallHistory;
import com.inspireworks.ivr.journal.JournalUnavailableException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code GET /calls/{id}}: one call, its caller's path in words ({@link CallPath}) and every stored step
 * ({@code /WEB-INF/jsp/call.jsp}). 404 for an id the journal does not have; 503 when it cannot be read.
 */
public final class CallDetailServlet extends HttpServlet {

    private transient CallHistory history;

    @Override
    public void init() throws ServletException {
        history = IvrComponents.of(getServletContext()).history();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Optional<String> id = JournalPages.callId(request);
        Optional<CallDetail> call;
        try {
            call = id.isPresent() ? history.find(id.get()) : Optional.empty();
        } catch (JournalUnavailableException e) {
            JournalPages.logUnavailable("a call", e);
            JournalPages.problem(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "Journal unavailable", JournalPages.UNAVAILABLE);
            return;
        }
        if (call.isEmpty()) {
            JournalPages.problem(request, response, HttpServletResponse.SC_NOT_FOUND, "No such call",
                    "The journal has no call with this id. Calls are kept for a limited time (retention), so an old"
                            + " one may have been purged.");
            return;
        }
        request.setAttribute("call", new CallDetailView(call.get()));
        JournalPages.show(request, response, HttpServletResponse.SC_OK, JournalPages.CALL_JSP);
    }
}
