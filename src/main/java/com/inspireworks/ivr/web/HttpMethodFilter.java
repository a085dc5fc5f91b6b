package com.inspireworks.ivr.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Answers 405 for methods this application never uses (PATCH, PROPFIND, ...). {@code HttpServlet} would answer
 * them with 501, a server error, which monitoring counts against us; the servlets themselves answer 405 for the
 * standard methods they do not implement.
 */
public final class HttpMethodFilter extends HttpFilter {

    private static final Set<String> KNOWN = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (KNOWN.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Allow", "GET, HEAD, POST, OPTIONS");
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }
}
