package com.inspireworks.ivr.web;

import com.inspireworks.ivr.calls.OutboundCaller;
import com.inspireworks.ivr.config.IvrSettings;
import com.inspireworks.ivr.flow.CallFlow;
import com.inspireworks.ivr.security.WebhookVerifier;
import com.inspireworks.ivr.simulator.CallSimulator;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

/**
 * The application's object graph, built once by {@link IvrApplication} and shared through the servlet context.
 *
 * @param settings validated configuration
 * @param flow every IVR document, pre-rendered
 * @param caller places outbound calls
 * @param webhooks checks that webhook requests come from Plivo
 * @param simulator simulated calls to the phone page (the default when real calls cannot be placed)
 */
public record IvrComponents(IvrSettings settings, CallFlow flow, OutboundCaller caller, WebhookVerifier webhooks,
        CallSimulator simulator) {

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
