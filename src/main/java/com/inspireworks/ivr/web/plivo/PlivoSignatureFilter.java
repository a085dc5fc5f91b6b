package com.inspireworks.ivr.web.plivo;

import com.inspireworks.ivr.app.IvrComponents;
import com.inspireworks.ivr.web.LogText;

import com.inspireworks.ivr.security.FormEncoding;
import com.inspireworks.ivr.security.PlivoSignatureV3;
import com.inspireworks.ivr.security.WebhookVerifier;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Lets through only webhook requests signed by Plivo ({@code /ivr/*}). Missing or wrong signature: 403 with a short
 * plain body, logged at WARN with the remote address. A query or form body that is not well-formed form encoding
 * (a bad {@code %} escape, invalid UTF-8) cannot have been signed by Plivo: 400, and a body larger than Plivo ever
 * sends: 413, both before anything else looks at it. Inactive when no token is configured or
 * {@code ivr.verify-signatures=false} (the start-up log says so loudly).
 */
public final class PlivoSignatureFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(PlivoSignatureFilter.class.getName());
    /** Plivo's callbacks carry well under a kilobyte of parameters. */
    static final long MAX_BODY_BYTES = 64 * 1024;
    private static final byte[] FORBIDDEN = "Forbidden: missing or invalid Plivo signature.\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MALFORMED = "Bad Request: the query string or form body is not valid form encoding.\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TOO_LARGE = "Payload Too Large: a Plivo webhook body is at most 64 KB.\n"
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
        // The path as sent: Plivo signs the URL it called, which is the URL we gave it.
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            LOG.warning(() -> "Refused webhook with a body of " + request.getContentLengthLong() + " bytes: "
                    + request.getMethod() + " " + LogText.of(path) + " from " + request.getRemoteAddr());
            answer(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, TOO_LARGE);
            return;
        }
        Optional<Map<String, List<String>>> body = FormEncoding.parse(request.getQueryString())
                .flatMap(query -> bodyParameters(request, query));
        if (body.isEmpty()) {
            LOG.warning(() -> "Refused webhook with a malformed query or body: " + request.getMethod() + " "
                    + LogText.of(path) + " from " + request.getRemoteAddr());
            answer(response, HttpServletResponse.SC_BAD_REQUEST, MALFORMED);
            return;
        }
        boolean authentic = webhooks.isAuthentic(request.getMethod(), path, request.getQueryString(), body.get(),
                request.getHeader(PlivoSignatureV3.SIGNATURE_HEADER),
                request.getHeader(PlivoSignatureV3.MAIN_ACCOUNT_SIGNATURE_HEADER),
                request.getHeader(PlivoSignatureV3.NONCE_HEADER));
        if (authentic) {
            chain.doFilter(request, response);
            return;
        }
        LOG.warning(() -> "Refused webhook without a valid Plivo signature: " + request.getMethod() + " "
                + LogText.of(path) + " from " + request.getRemoteAddr());
        answer(response, HttpServletResponse.SC_FORBIDDEN, FORBIDDEN);
    }

    private static void answer(HttpServletResponse response, int status, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=US-ASCII");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * The form parameters that came in the body, given those of the query. The servlet API merges query and body
     * parameters, query values first, so the body's are what remains after the query's count for each name. Empty
     * when the container cannot parse the parameters (Servlet 6.1 containers such as Tomcat 11 throw
     * {@code IllegalStateException} for a malformed body; 6.0 containers skip the bad part, and the signature
     * then does not match).
     */
    static Optional<Map<String, List<String>>> bodyParameters(HttpServletRequest request,
            Map<String, List<String>> query) {
        Map<String, String[]> all;
        try {
            all = request.getParameterMap();
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
        Map<String, List<String>> body = new LinkedHashMap<>();
        all.forEach((name, values) -> {
            int skip = query.getOrDefault(name, List.of()).size();
            if (values.length > skip) {
                body.put(name, new ArrayList<>(Arrays.asList(values).subList(skip, values.length)));
            }
        });
        return Optional.of(body);
    }
}
