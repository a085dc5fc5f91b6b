package com.inspireworks.ivr.web.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.inspireworks.ivr.web.FormTokens;
import com.inspireworks.ivr.web.Json;
import com.inspireworks.ivr.web.LogText;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Signing in, once per session: {@code /login}, the FORM login page of web.xml.
 *
 * <p>The container forwards every request for an operator page that has no signed-in session here (a FORWARD
 * dispatch, whatever the original method: Payara keeps it, Tomcat makes it GET). A client that asks for HTML gets
 * the sign-in page; any other client (scripts, the phone page's fetch) gets 401 with a JSON body that says how to
 * sign in, instead of a page it cannot use.
 *
 * <p>{@code POST /login} checks the password with {@link HttpServletRequest#login}, which uses the container's realm
 * (tomcat-users.xml, LDAP, Payara's file realm) exactly as its own login would, but runs behind the application's
 * filters: the capacity filter lets only a few sign-ins run at once, because each one costs a PBKDF2 computation.
 * The session id changes at sign-in (the container does it; checked here) and a new form token is issued.
 * <ul>
 * <li>Browsers post the form ({@code username}, {@code password}, the form token {@code csrf} and {@code next}):
 * 303 to {@code next}, a path inside the application; a wrong password gives the page again with 401.</li>
 * <li>Scripts post JSON {@code {"username":"…","password":"…"}} ({@code Content-Type: application/json}, which no
 * cross-site form can send): 200 {@code {"user":"…"}} and the session cookie; 401 or 403 with {@code {"error"}}.</li>
 * </ul>
 * A user without the role {@code ivr-operator} is not signed in (403). The container's own {@code j_security_check}
 * is not used (it checks passwords before any filter can bound it; see docs/SECURITY.md).
 */
public final class SignInServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(SignInServlet.class.getName());
    public static final String OPERATOR_ROLE = "ivr-operator";
    static final String JSP = "/WEB-INF/jsp/login.jsp";
    /** Where the container forwards after a failed j_security_check (web.xml form-error-page). */
    static final String FAILED_PATH = "/login-failed";
    /** Longer input is refused without asking the realm: no password check for megabytes of "password". */
    static final int MAX_USERNAME = 128;
    static final int MAX_PASSWORD = 1024;
    /** A path inside the application to return to after signing in: no scheme, no host, no "//", no backslash. */
    private static final Pattern SAFE_NEXT = Pattern.compile("/(?![/\\\\])[A-Za-z0-9._~!$&'()*+,;=:@%/?-]{0,500}");
    /** RFC 9110 wants a challenge with every 401; the JSON body says how to meet this one. */
    static final String CHALLENGE = "Cookie realm=\"InspireWorks IVR\"";
    private static final String USAGE = "Sign in with POST /login, Content-Type: application/json, body"
            + " {\"username\":\"...\",\"password\":\"...\"}, and send the session cookie it sets with every request.";

    enum Outcome { SIGNED_IN, WRONG_CREDENTIALS, NOT_AN_OPERATOR }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.FORWARD) {
            // The container sends a request without a signed-in session here, or a failed j_security_check.
            signInRequired(request, response);
            return;
        }
        super.service(request, response);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String next = safeNext(request.getParameter("next"));
        if (request.isUserInRole(OPERATOR_ROLE)) {
            redirect(request, response, next);
            return;
        }
        String message = request.getParameter("signed-out") != null ? "You have signed out."
                : request.getServletPath().equals(FAILED_PATH) ? "Wrong user name or password." : null;
        page(request, response, HttpServletResponse.SC_OK, message, next, "");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (Json.isJson(request)) {
            signInFromJson(request, response);
        } else if (isForm(request)) {
            signInFromForm(request, response);
        } else {
            Json.error(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, USAGE);
        }
    }

    private void signInFromForm(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String next = safeNext(request.getParameter("next"));
        String username = request.getParameter("username");
        if (!FormTokens.presentedIn(request)) {
            page(request, response, HttpServletResponse.SC_FORBIDDEN, "The sign-in form had expired. Please sign in"
                    + " again.", next, username);
            return;
        }
        switch (signIn(request, username, request.getParameter("password"))) {
            case SIGNED_IN -> redirect(request, response, next);
            case NOT_AN_OPERATOR -> page(request, response, HttpServletResponse.SC_FORBIDDEN, "This account may not"
                    + " use the IVR: it does not have the role " + OPERATOR_ROLE + ".", next, "");
            default -> {
                response.setHeader("WWW-Authenticate", CHALLENGE);
                page(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Wrong user name or password.", next,
                        username);
            }
        }
    }

    private void signInFromJson(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Optional<JsonNode> body = Json.readObject(request, response, USAGE);
        if (body.isEmpty()) {
            return;
        }
        Optional<String> username = Json.text(body.get(), "username");
        Optional<String> password = Json.text(body.get(), "password");
        if (username.isEmpty() || password.isEmpty()) {
            Json.error(response, HttpServletResponse.SC_BAD_REQUEST, "Fields \"username\" and \"password\" (strings)"
                    + " are required. " + USAGE);
            return;
        }
        switch (signIn(request, username.get(), password.get())) {
            case SIGNED_IN -> {
                response.setHeader("Cache-Control", "no-store");
                Json.send(response, HttpServletResponse.SC_OK, Map.of("user", request.getRemoteUser()));
            }
            case NOT_AN_OPERATOR -> Json.error(response, HttpServletResponse.SC_FORBIDDEN, "This account may not use"
                    + " the IVR: it does not have the role " + OPERATOR_ROLE + ".");
            default -> {
                response.setHeader("WWW-Authenticate", CHALLENGE);
                Json.error(response, HttpServletResponse.SC_UNAUTHORIZED, "Wrong user name or password.");
            }
        }
    }

    /**
     * Checks the credentials with the container's realm and, when they are an operator's, makes the session a
     * signed-in one with a new id and a new form token. Input no realm would accept (too long, control
     * characters, which could also forge lines in the container's log) is refused without asking it.
     */
    Outcome signIn(HttpServletRequest request, String username, String password) throws ServletException {
        String who = LogText.of(username);
        if (username == null || password == null || username.isBlank() || username.length() > MAX_USERNAME
                || password.length() > MAX_PASSWORD || username.chars().anyMatch(Character::isISOControl)) {
            LOG.warning(() -> "Refused sign-in with malformed credentials for " + who + " from "
                    + request.getRemoteAddr());
            return Outcome.WRONG_CREDENTIALS;
        }
        HttpSession session = request.getSession();
        String before = session.getId();
        if (request.getUserPrincipal() != null) {
            request.logout();
        }
        try {
            request.login(username, password);
        } catch (ServletException e) {
            LOG.warning(() -> "Failed sign-in for " + who + " from " + request.getRemoteAddr());
            return Outcome.WRONG_CREDENTIALS;
        }
        if (!request.isUserInRole(OPERATOR_ROLE)) {
            request.logout();
            session.invalidate();
            LOG.warning(() -> "Refused sign-in for " + who + " from " + request.getRemoteAddr() + ": not in role "
                    + OPERATOR_ROLE);
            return Outcome.NOT_AN_OPERATOR;
        }
        HttpSession signedIn = request.getSession();
        if (signedIn.getId().equals(before)) {
            // Tomcat and Payara change the id themselves in login(); a container that does not must not keep it.
            request.changeSessionId();
        }
        FormTokens.rotate(signedIn);
        LOG.info(() -> "Operator " + who + " signed in from " + request.getRemoteAddr());
        return Outcome.SIGNED_IN;
    }

    /** What a request without a signed-in session gets: the sign-in page, or 401 JSON for a non-browser client. */
    private void signInRequired(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        boolean failed = request.getServletPath().equals(FAILED_PATH);
        response.setHeader("Cache-Control", "no-store");
        if (!wantsHtml(request)) {
            response.setHeader("WWW-Authenticate", CHALLENGE);
            Json.error(response, HttpServletResponse.SC_UNAUTHORIZED, failed ? "Wrong user name or password."
                    : "Not signed in. " + USAGE);
            return;
        }
        String next = "/";
        Object original = request.getAttribute(RequestDispatcher.FORWARD_SERVLET_PATH);
        if (!failed && original instanceof String path && request.getContentLengthLong() <= 0
                && request.getContentType() == null) {
            // Back to the page that was asked for; a form that was posted is not repeated (it goes to the form).
            Object pathInfo = request.getAttribute(RequestDispatcher.FORWARD_PATH_INFO);
            Object query = request.getAttribute(RequestDispatcher.FORWARD_QUERY_STRING);
            next = safeNext((path.isEmpty() ? "/" : path) + (pathInfo instanceof String info ? info : "")
                    + (query instanceof String q ? "?" + q : ""));
        }
        if (failed) {
            response.setHeader("WWW-Authenticate", CHALLENGE);
        }
        page(request, response, failed ? HttpServletResponse.SC_UNAUTHORIZED : HttpServletResponse.SC_OK,
                failed ? "Wrong user name or password." : null, next, "");
    }

    private static void page(HttpServletRequest request, HttpServletResponse response, int status, String message,
            String next, String username) throws ServletException, IOException {
        FormTokens.expose(request);
        request.setAttribute("signInMessage", message);
        request.setAttribute("signInNext", next);
        request.setAttribute("signInUser", username == null || username.length() > MAX_USERNAME ? "" : username);
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        request.getRequestDispatcher(JSP).forward(request, response);
    }

    private static void redirect(HttpServletRequest request, HttpServletResponse response, String next) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + next);
    }

    /** {@code next} when it is a safe path inside the application (not the sign-in or sign-out page), else "/". */
    static String safeNext(String next) {
        if (next == null || !SAFE_NEXT.matcher(next).matches() || next.startsWith("/login")
                || next.startsWith("/logout")) {
            return "/";
        }
        return next;
    }

    /** Browsers ask for HTML when they navigate; fetch, curl and scripts do not. */
    public static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }
}
