package com.inspireworks.ivr.web.operator;

import com.inspireworks.ivr.web.FormTokens;
import com.inspireworks.ivr.web.Json;
import com.inspireworks.ivr.web.LogText;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * {@code POST /logout}: ends the operator's session (the "Sign out" button on every operator page). From the
 * button, with the session's form token: 303 to the sign-in page; without the token 403, so that no other site can
 * sign an operator out. From scripts ({@code Content-Type: application/json}): 204. Without a session there is
 * nothing to end: 303 to the sign-in page (204 for JSON). GET is not accepted (405): a link or an image must not sign
 * anyone out.
 */
public final class SignOutServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(SignOutServlet.class.getName());

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        boolean json = Json.isJson(request);
        HttpSession session = request.getSession(false);
        if (session != null) {
            if (!json && !FormTokens.presentedIn(request)) {
                FormTokens.refuse(response);
                return;
            }
            String who = LogText.of(request.getRemoteUser());
            request.logout();
            session.invalidate();
            LOG.info(() -> "Operator " + who + " signed out");
        }
        response.setHeader("Cache-Control", "no-store");
        if (json) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } else {
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getContextPath() + "/login?signed-out");
        }
    }
}
