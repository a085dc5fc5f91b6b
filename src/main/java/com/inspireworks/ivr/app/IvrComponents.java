package com.inspireworks.ivr.app;

import com.inspireworks.ivr.calls.OutboundCaller;
import com.inspireworks.ivr.config.IvrSettings;
import com.inspireworks.ivr.flow.IvrUrls;
import com.inspireworks.ivr.flow.IvrWebhooks;
import com.inspireworks.ivr.journal.CallHistory;
import com.inspireworks.ivr.journal.CallJournal;
import com.inspireworks.ivr.security.WebhookVerifier;
import com.inspireworks.ivr.simulator.CallSimulator;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

/**
 * The application's object graph, built once by {@link IvrApplication} and shared through the servlet context.
 * Servlets and filters take what they need in {@code init()}.
 *
 * @param settings validated configuration
 * @param urls the webhooks' public URLs
 * @param webhooks what each Plivo webhook answers (every document pre-rendered) and records
 * @param caller the one door every outbound call goes through, real or simulated
 * @param verifier checks that webhook requests come from Plivo
 * @param simulator simulated calls to the phone page
 * @param journal where calls and their steps are recorded; {@code journal().health()} for {@code /health}
 * @param history the journal's read side: calls, their steps, the funnel, live calls
 */
public record IvrComponents(IvrSettings settings, IvrUrls urls, IvrWebhooks webhooks, OutboundCaller caller,
        WebhookVerifier verifier, CallSimulator simulator, CallJournal journal, CallHistory history) {

    static final String ATTRIBUTE = IvrComponents.class.getName();

    /** The components of this web application, for a servlet's {@code init()}. */
    public static IvrComponents of(ServletContext context) throws ServletException {
        Object components = context.getAttribute(ATTRIBUTE);
        if (components instanceof IvrComponents ivr) {
            return ivr;
        }
        throw new ServletException("InspireWorks IVR did not start: see the start-up log");
    }
}
