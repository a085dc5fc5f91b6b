package com.inspireworks.ivr.web;

import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Which requests the container dispatched to a Plivo webhook servlet. Decided by the servlet mapping the container
 * chose (after it decoded and normalised the path and dropped path parameters), not by the request URI's text:
 * {@code /ivr/..;/} starts with {@code /ivr/} but is the call form, and {@code /x/..;/ivr/welcome} does not but is a
 * webhook. Every webhook servlet is mapped under {@code /ivr/} in web.xml, and nothing else is.
 */
public final class PlivoWebhooks {

    /** The prefix of every webhook servlet's url-pattern in web.xml. */
    static final String PATTERN_PREFIX = "/ivr/";

    private PlivoWebhooks() {
    }

    public static boolean isWebhook(HttpServletRequest request) {
        HttpServletMapping mapping = request.getHttpServletMapping();
        return mapping != null && mapping.getPattern() != null && mapping.getPattern().startsWith(PATTERN_PREFIX);
    }
}
