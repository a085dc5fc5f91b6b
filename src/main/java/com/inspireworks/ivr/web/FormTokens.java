package com.inspireworks.ivr.web;

import com.inspireworks.ivr.security.CsrfToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * The session's anti-forgery token: issued with every form (the call form, the sign-in form, the sign-out button),
 * required with every form POST. A new one is issued at sign-in, so a token seen before signing in is worth nothing
 * after it.
 */
public final class FormTokens {

    private static final String ATTRIBUTE = FormTokens.class.getName();
    /** The request attribute pages read the token from: {@code ${csrfToken}}. */
    public static final String REQUEST_ATTRIBUTE = "csrfToken";

    private FormTokens() {
    }

    /** The session's token, created on first use. */
    public static String issue(HttpSession session) {
        String token = (String) session.getAttribute(ATTRIBUTE);
        if (token == null) {
            token = CsrfToken.generate();
            session.setAttribute(ATTRIBUTE, token);
        }
        return token;
    }

    /** A fresh token for the session, replacing the old one (at sign-in). */
    public static String rotate(HttpSession session) {
        session.removeAttribute(ATTRIBUTE);
        return issue(session);
    }

    /** Makes the session's token available to the page as {@code ${csrfToken}} (creating the session if needed). */
    public static void expose(HttpServletRequest request) {
        request.setAttribute(REQUEST_ATTRIBUTE, issue(request.getSession()));
    }

    /** Whether the request's {@code csrf} field carries its session's token. */
    public static boolean presentedIn(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String expected = session == null ? null : (String) session.getAttribute(ATTRIBUTE);
        return CsrfToken.matches(expected, request.getParameter(CsrfToken.FIELD));
    }

    public static void refuse(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_FORBIDDEN, "Missing or invalid form token");
    }
}
