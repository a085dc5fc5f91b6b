package com.inspireworks.ivr.web.plivo;

import com.inspireworks.ivr.app.IvrComponents;
import com.inspireworks.ivr.web.LogText;

import com.inspireworks.ivr.security.PlivoSignatureV3;
import com.inspireworks.ivr.security.WebhookVerifier;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Lets through only webhook requests signed by Plivo ({@code /ivr/*}). Missing or wrong signature: 403 with a short
 * plain body, logged at WARN with the remote address. Inactive when no token is configured or
 * {@code ivr.verify-signatures=false} (the start-up log says so loudly).
 */
public final class PlivoSignatureFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(PlivoSignatureFilter.class.getName());
    private static final byte[] FORBIDDEN = "Forbidden: missing or invalid Plivo signature.\n"
            .getBytes(StandardCharsets.US_ASCII);

    private transient WebhookVerifier webhooks;
    private boolean active;

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        IvrComponents components = IvrComponents.of(config.getServletContext());
        webhooks = components.verifier();
        active = components.settings().checksSignatures();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!active) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean authentic = webhooks.isAuthentic(request.getMethod(), path, request.getQueryString(),
                bodyParameters(request), request.getHeader(PlivoSignatureV3.SIGNATURE_HEADER),
                request.getHeader(PlivoSignatureV3.MAIN_ACCOUNT_SIGNATURE_HEADER),
                request.getHeader(PlivoSignatureV3.NONCE_HEADER));
        if (authentic) {
            chain.doFilter(request, response);
            return;
        }
        LOG.warning(() -> "Refused webhook without a valid Plivo signature: " + request.getMethod() + " "
                + LogText.of(path) + " from " + request.getRemoteAddr());
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain;charset=US-ASCII");
        response.setContentLength(FORBIDDEN.length);
        response.getOutputStream().write(FORBIDDEN);
    }

    /**
     * The form parameters that came in the body. The servlet API merges query and body parameters, query values
     * first, so the body's are what remains after the query's count for each name.
     */
    static Map<String, List<String>> bodyParameters(HttpServletRequest request) {
        Map<String, Integer> inQuery = new HashMap<>();
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    inQuery.merge(name, 1, Integer::sum);
                }
            }
        }
        Map<String, List<String>> body = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            int skip = inQuery.getOrDefault(name, 0);
            if (values.length > skip) {
                body.put(name, new ArrayList<>(Arrays.asList(values).subList(skip, values.length)));
            }
        });
        return body;
    }
}
