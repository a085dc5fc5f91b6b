package com.inspireworks.ivr.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/** {@code /ivr/hangup}: Plivo's notification that a call we placed has ended. Logged at INFO. POST. */
public final class HangupServlet extends PlivoWebhookServlet {

    private static final Logger LOG = Logger.getLogger(HangupServlet.class.getName());

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String line = "Call ended: CallUUID=" + LogText.of(request.getParameter("CallUUID"))
                + " To=" + LogText.of(request.getParameter("To"))
                + " HangupCause=" + LogText.of(request.getParameter("HangupCause"))
                + " Duration=" + LogText.of(request.getParameter("Duration")) + "s";
        LOG.info(line);
        send(response, flow.acknowledgement());
    }
}
