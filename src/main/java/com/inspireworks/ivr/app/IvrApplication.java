package com.inspireworks.ivr.app;

import com.inspireworks.ivr.calls.CallGateway;
import com.inspireworks.ivr.calls.CallRateLimiter;
import com.inspireworks.ivr.calls.CallUrls;
import com.inspireworks.ivr.calls.DestinationPolicy;
import com.inspireworks.ivr.calls.OutboundCaller;
import com.inspireworks.ivr.calls.PlivoGateway;
import com.inspireworks.ivr.config.InvalidSettingsException;
import com.inspireworks.ivr.config.IvrSettings;
import com.inspireworks.ivr.config.Secret;
import com.inspireworks.ivr.config.SettingsReader;
import com.inspireworks.ivr.flow.CallFlow;
import com.inspireworks.ivr.flow.IvrUrls;
import com.inspireworks.ivr.flow.IvrWebhooks;
import com.inspireworks.ivr.flow.Menus;
import com.inspireworks.ivr.flow.PlivoXml;
import com.inspireworks.ivr.journal.CallJournal;
import com.inspireworks.ivr.journal.Journal;
import com.inspireworks.ivr.journal.JournalStartupException;
import com.inspireworks.ivr.phone.NumberClass;
import com.inspireworks.ivr.security.OperatorCapacity;
import com.inspireworks.ivr.security.WebhookVerifier;
import com.inspireworks.ivr.simulator.CallSimulator;
import com.inspireworks.ivr.simulator.HttpWebhooks;
import com.inspireworks.ivr.simulator.PlivoXmlInterpreter;
import com.inspireworks.ivr.simulator.SimulatorGateway;
import com.inspireworks.ivr.simulator.SimulatorThreads;
import com.inspireworks.ivr.simulator.Webhooks;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

/**
 * Builds the application once at start-up: settings, then the Plivo gateway, then the call flow with every
 * document rendered. A malformed setting stops the deployment with one message naming every bad key.
 */
public final class IvrApplication implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(IvrApplication.class.getName());

    private Config config;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        config = ConfigProvider.getConfig(loader);
        IvrSettings settings;
        try {
            settings = SettingsReader.read(config, context.getContextPath());
        } catch (InvalidSettingsException e) {
            LOG.severe(e.getMessage());
            throw e;
        }
        IvrComponents components;
        try {
            components = assemble(settings, context.getContextPath());
        } catch (JournalStartupException e) {
            LOG.severe("InspireWorks IVR cannot start: " + e.getMessage());
            throw e;
        }
        context.setAttribute(IvrComponents.ATTRIBUTE, components);
        LOG.info(banner(settings, components.journal().toString()));
        if (!settings.checksSignatures()) {
            LOG.warning(settings.verifySignatures()
                    ? "PLIVO WEBHOOK SIGNATURES ARE NOT CHECKED: no plivo.auth-token is configured, so anyone who can"
                            + " reach /ivr/* can drive the IVR. Configure the token before exposing the app."
                    : "PLIVO WEBHOOK SIGNATURES ARE NOT CHECKED: ivr.verify-signatures=false. Anyone who can reach"
                            + " /ivr/* can forge Plivo requests. Use this only for local experiments.");
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Object components = event.getServletContext().getAttribute(IvrComponents.ATTRIBUTE);
        if (components instanceof IvrComponents ivr) {
            ivr.caller().close();
            ivr.journal().close();
        }
        event.getServletContext().removeAttribute(IvrComponents.ATTRIBUTE);
        if (config != null) {
            try {
                ConfigProviderResolver.instance().releaseConfig(config);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Config already released", e);
            }
        }
    }

    /**
     * The one place that wires everything: settings → URLs → documents → journal → gateways (Plivo, simulator) →
     * the one door for calls → webhooks and their verifier.
     *
     * @param contextPath the web application's context path (names the embedded journal's folder)
     * @throws JournalStartupException when the journal's database cannot be opened or migrated
     */
    static IvrComponents assemble(IvrSettings settings, String contextPath) {
        Clock clock = Clock.systemUTC();
        IvrUrls urls = new IvrUrls(settings.publicUrl());
        Menus menus = new Menus(urls, settings.audioUrls(), settings.associateNumber(), settings.phoneNumber());
        CallFlow flow = new CallFlow(menus, new PlivoXml());
        Journal opened = Journal.open(settings.database(), contextPath, clock);
        try {
            return assemble(settings, urls, flow, opened, clock);
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    private static IvrComponents assemble(IvrSettings settings, IvrUrls urls, CallFlow flow, Journal opened,
            Clock clock) {
        CallJournal journal = opened.journal();
        IvrWebhooks webhooks = new IvrWebhooks(flow, journal, settings.associateNumber(), clock);

        Optional<CallGateway> plivo = Optional.empty();
        if (settings.authId().isPresent() && settings.authToken().isPresent()) {
            plivo = Optional.of(new PlivoGateway(settings.authId().get(), settings.authToken().get().reveal(),
                    settings.plivoApiUrl(), settings.connectTimeout(), settings.readTimeout()));
        }
        // The simulator plays Plivo's part against this application's public URL, signing like Plivo signs.
        Webhooks simulatedPlivo = new HttpWebhooks(urls.base(), settings.authToken().map(Secret::reveal),
                CallSimulator.CONNECT_TIMEOUT, CallSimulator.READ_TIMEOUT);
        // Its own few threads do the simulated calls' work, never a request thread; close() stops them.
        CallSimulator simulator = new CallSimulator(new PlivoXmlInterpreter(simulatedPlivo), clock,
                new SimulatorThreads(clock, CallSimulator.THREADS), CallSimulator.Limits.DEFAULTS);
        CallUrls callUrls = new CallUrls() {
            @Override
            public String answerUrl(String callId) {
                return urls.welcome(callId);
            }

            @Override
            public String hangupUrl(String callId) {
                return urls.hangup(callId);
            }
        };
        OutboundCaller caller = new OutboundCaller(plivo, new SimulatorGateway(simulator), settings.phoneNumber(),
                callUrls, settings.callTimeLimit(), settings.missingForCalls(),
                new DestinationPolicy(settings.allowedCountries(), settings.allowedNumberClasses()),
                new CallRateLimiter(settings.maxCallsPerMinute(), settings.maxCallsPerHour(), clock), journal, clock);
        WebhookVerifier verifier = new WebhookVerifier(settings.authToken(), settings.mainAccountToken(),
                settings.publicUrl());
        return new IvrComponents(settings, urls, webhooks, caller, verifier, simulator, journal, opened.history());
    }

    private static String banner(IvrSettings settings, String journal) {
        String calls = settings.canPlaceCalls()
                ? "ready"
                : "DISABLED, missing " + String.join(", ", settings.missingForCalls());
        return String.join(System.lineSeparator(),
                "",
                "==================== InspireWorks IVR ====================",
                "  Plivo number     : " + settings.phoneNumber().orElse("(not set)"),
                "  Associate        : " + settings.associateNumber().orElse("(not set: option 2 says nobody is"
                        + " available)"),
                "  Public URL       : " + settings.publicUrl()
                        + (settings.publicUrlConfigured() ? "" : "  (default: Plivo cannot reach it)"),
                "  Answer URL       : " + new IvrUrls(settings.publicUrl()).welcome() + "?call=<id>",
                "  Plivo API        : " + settings.plivoApiUrl(),
                "  Outbound calls   : " + calls,
                "  Call limits      : " + settings.maxCallsPerMinute() + "/minute per operator, "
                        + settings.maxCallsPerHour() + "/hour in total; countries: "
                        + (settings.allowedCountries().isEmpty() ? "all" : String.join(",",
                                settings.allowedCountries())),
                "  Numbers called   : fixed, mobile, toll-free"
                        + settings.allowedNumberClasses().stream().map(NumberClass::code).sorted()
                                .map(code -> ", " + code).collect(java.util.stream.Collectors.joining())
                        + " (premium-rate, shared-cost and unknown never)",
                "  Webhook signature: " + (settings.checksSignatures() ? "checked" : "NOT CHECKED"),
                "  Call journal     : " + journal + ", calls kept " + settings.database().retentionDays() + " days",
                "  Operator capacity: " + settings.maxConcurrentOperatorRequests() + " requests at once ("
                        + OperatorCapacity.perOperator(settings.maxConcurrentOperatorRequests()) + " per operator), "
                        + settings.maxConcurrentSignIns() + " sign-ins; webhooks, /health and static files not"
                        + " counted",
                "  Simulated calls  : " + (settings.canPlaceCalls() ? "on request (\"Simulate a call\")"
                        : "ON: the call form rings a phone in your browser"),
                "==========================================================");
    }
}
