package com.inspireworks.ivr.web;

import com.inspireworks.ivr.app.IvrComponents;
import com.inspireworks.ivr.config.IvrSettings;
import com.inspireworks.ivr.config.SettingKeys;
import com.inspireworks.ivr.security.OperatorCapacity;
import com.inspireworks.ivr.web.operator.SignInServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Keeps worker threads and CPU for Plivo's webhooks whatever operators do ({@link OperatorCapacity}): every request
 * the container dispatched to an operator servlet (pages, JSON API, simulator, signing out), and every request
 * without a session that the container forwards to the sign-in page, takes a place among
 * {@code ivr.max-concurrent-operator-requests} (the latter all count as one anonymous operator); every
 * {@code POST /login} takes one among {@code ivr.max-concurrent-sign-ins}. Without a place the answer is 503 with
 * {@code Retry-After: 1} at once, as JSON for scripts and the error page for browsers. Webhooks ({@code /ivr/*}),
 * {@code /health} and static files are not counted. Decided by the servlet mapping the container chose, like the
 * other filters.
 *
 * <p>What runs before any filter is the container's: its FORM authenticator looks up the session (cheap) and
 * answers its own {@code j_security_check} with a password check the application cannot bound. The sign-in page
 * does not use it; deploy/README.md (Capacity) says how to keep it away from Plivo's threads.
 */
public final class OperatorCapacityFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(OperatorCapacityFilter.class.getName());
    static final String HEALTH_SERVLET = "health";
    static final String SIGN_IN_SERVLET = "sign-in";
    /** Refusals are logged at most this often, with their count: a flood must not become a flood of log lines. */
    static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    private transient OperatorCapacity capacity;
    private final AtomicLong refusedSinceLog = new AtomicLong();
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        IvrSettings settings = IvrComponents.of(config.getServletContext()).settings();
        capacity = new OperatorCapacity(settings.maxConcurrentOperatorRequests(), settings.maxConcurrentSignIns());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletMapping mapping = request.getHttpServletMapping();
        boolean forward = request.getDispatcherType() == DispatcherType.FORWARD;
        // A forward is counted only when it is the container's, to the sign-in page, for a request without a
        // session (the REQUEST filters never ran for it); our own forwards to JSPs already hold their place.
        if (notCounted(request, mapping) || forward && !SIGN_IN_SERVLET.equals(mapping.getServletName())) {
            chain.doFilter(request, response);
            return;
        }
        boolean signIn = !forward && SIGN_IN_SERVLET.equals(mapping.getServletName())
                && "POST".equals(request.getMethod());
        OperatorCapacity.Entry entry = signIn ? capacity.tryEnterSignIn()
                : capacity.tryEnterRequest(request.getRemoteUser());
        if (entry.permit().isEmpty()) {
            busy(request, response, entry.refusal().orElseThrow());
            return;
        }
        try (OperatorCapacity.Permit permit = entry.permit().get()) {
            chain.doFilter(request, response);
        }
    }

    private static boolean notCounted(HttpServletRequest request, HttpServletMapping mapping) {
        return mapping == null || PlivoWebhooks.isWebhook(request) || HEALTH_SERVLET.equals(mapping.getServletName())
                || mapping.getMappingMatch() == MappingMatch.DEFAULT;
    }

    private void busy(HttpServletRequest request, HttpServletResponse response, OperatorCapacity.Refusal refusal)
            throws IOException {
        String message = switch (refusal) {
            case SIGN_IN -> "Too many sign-ins at once (" + SettingKeys.MAX_CONCURRENT_SIGN_INS + "="
                    + capacity.signIns() + "). Try again in a second.";
            case OPERATOR -> "You already have " + capacity.perOperator() + " request(s) in progress (half of "
                    + SettingKeys.MAX_CONCURRENT_OPERATOR_REQUESTS + "=" + capacity.total() + "). Try again in a"
                    + " second.";
            case TOTAL -> "The server is busy with other operator requests ("
                    + SettingKeys.MAX_CONCURRENT_OPERATOR_REQUESTS + "=" + capacity.total() + "). Try again in a"
                    + " second.";
        };
        logOccasionally();
        response.setHeader("Retry-After", "1");
        response.setHeader("Cache-Control", "no-store");
        if (SignInServlet.wantsHtml(request) && !Json.isJson(request)) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, message);
        } else {
            Json.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, message);
        }
    }

    private void logOccasionally() {
        refusedSinceLog.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastLog.compareAndSet(last, now)) {
            long refused = refusedSinceLog.getAndSet(0);
            LOG.warning(() -> "Operator capacity full: refused " + refused + " request(s) with 503 in the last "
                    + Math.max(1, (now - last) / 1_000_000_000L) + " s (" + capacity.requestsInProgress() + "/"
                    + capacity.total() + " operator requests, " + capacity.signInsInProgress() + "/"
                    + capacity.signIns() + " sign-ins in progress). Plivo's webhooks are not affected.");
        }
    }
}
