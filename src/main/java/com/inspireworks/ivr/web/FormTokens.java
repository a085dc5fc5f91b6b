package com.inspireworks.ivr.web;

import com.inspireworks.ivr.security.CsrfToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/** The operator session's anti-forgery token: issued with the form, required with every form POST. */
public final class FormTokens {

    private static final String ATTRIBUTE = FormTokens.class.getName();

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
