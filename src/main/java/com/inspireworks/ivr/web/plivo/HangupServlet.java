package com.inspireworks.ivr.web.plivo;

import com.inspireworks.ivr.journal.JournalUnavailableException;
import com.inspireworks.ivr.journal.PlivoCallParameters;
import com.inspireworks.ivr.web.LogText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * {@code /ivr/hangup}: Plivo's notification that a call we placed has ended. Logged at INFO and stored in the
 * journal before it is acknowledged; when the journal cannot store it the answer is 503, and Plivo tries again.
 * A repeated callback (Plivo retries) is harmless: the journal keeps one end per call. POST.
 */
public final class HangupServlet extends PlivoWebhookServlet {

    private static final Logger LOG = Logger.getLogger(HangupServlet.class.getName());
    private static final String[] LOGGED = {"CallUUID", "To", "CallStatus", "HangupCause", "HangupSource", "Duration",
        "BillDuration"};

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PlivoCallParameters call = call(request);
        StringBuilder line = new StringBuilder("Call ended:");
        for (String name : LOGGED) {
            line.append(' ').append(name).append('=').append(LogText.of(call.get(name).orElse(null)));
        }
        call.callId().ifPresent(id -> line.append(" call=").append(id));
        LOG.info(line.toString());
        try {
            send(response, ivr.hangup(call));
        } catch (JournalUnavailableException e) {
            LOG.warning(() -> "Hangup of " + LogText.of(call.callUuid().orElse(null)) + " not stored ("
                    + e.getMessage() + "): answering 503 so that Plivo retries");
            response.setHeader("Retry-After", "30");
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Journal unavailable, retry later");
        }
    }
}
