package com.inspireworks.ivr.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Browser hardening headers: a Content-Security-Policy without inline script or style and without framing, no
 * referrer, no framing, on every page, error page and page the container forwards to (the sign-in page). Plivo's
 * XML answers are read by Plivo, not rendered by a browser, so they carry only {@code nosniff} (which keeps a browser
 * from treating them as HTML): the other headers were a measurable share of each webhook's time (see the README's
 * Performance section).
 *
 * <p>What counts as a Plivo answer is decided by the servlet mapping the container chose for the request, never by
 * the text of the URI: {@code /ivr/..;/} is the call form (the container normalises it to {@code /}), and it must
 * get the full set.
 */
public final class SecurityHeadersFilter extends HttpFilter {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " media-src 'self' https: http:; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (!(request.getDispatcherType() == DispatcherType.REQUEST && PlivoWebhooks.isWebhook(request))) {
            response.setHeader("Content-Security-Policy", CSP);
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("X-Frame-Options", "DENY");
        }
        chain.doFilter(request, response);
    }
}
