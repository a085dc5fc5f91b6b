package com.inspireworks.ivr.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.security.PlivoSignatureV3;
import com.inspireworks.ivr.support.CallWalker;
import com.inspireworks.ivr.support.CapturedLog;
import com.inspireworks.ivr.support.EmbeddedIvr;
import com.inspireworks.ivr.support.FakePlivoApi;
import com.inspireworks.ivr.support.FormPage;
import com.inspireworks.ivr.support.Http;
import com.inspireworks.ivr.support.PlivoXmlDoc;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Each attack from the security issue, refused; each legitimate path, still working. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityIT {

    /** Recognisable, obviously fake: it must appear in no response and no log line. */
    static final String TOKEN = FakePlivoApi.AUTH_TOKEN;
    static final String MAIN_TOKEN = "FakeMainAccountTokenForTests0000000000";
    static FakePlivoApi plivo;
    static EmbeddedIvr ivr;
    static CapturedLog log;
    static String publicBase;
    static final List<HttpResponse<String>> responses = new ArrayList<>();
    static final ObjectMapper JSON = new ObjectMapper();
    Http operator;
    Http anonymous;

    @BeforeAll
    static void start() throws IOException {
        log = CapturedLog.application();
        plivo = new FakePlivoApi();
        int port = EmbeddedIvr.freePort();
        publicBase = "http://127.0.0.1:" + port + "/ivr";
        Map<String, String> jndi = new HashMap<>();
        jndi.put("plivo.auth-id", FakePlivoApi.AUTH_ID);
        jndi.put("plivo.auth-token", TOKEN);
        jndi.put("plivo.main-account-auth-token", MAIN_TOKEN);
        jndi.put("plivo.phone-number", "+14155550100");
        jndi.put("ivr.associate-number", "+14155550199");
        jndi.put("ivr.public-url", publicBase);
        jndi.put("plivo.api-url", plivo.baseUrl());
        jndi.put("ivr.max-calls-per-minute", "3");
        jndi.put("ivr.max-calls-per-hour", "50");
        jndi.put("ivr.allowed-countries", "US,CA,ES,GB");
        ivr = EmbeddedIvr.start(port, "/ivr", jndi);
    }

    @AfterAll
    static void stop() {
        ivr.close();
        plivo.close();
        log.close();
        for (HttpResponse<String> response : responses) {
            assertFalse(response.body().contains(TOKEN) || response.body().contains(MAIN_TOKEN),
                    "token in " + response.uri());
            assertFalse(response.headers().map().toString().contains(TOKEN), "token in headers of " + response.uri());
        }
        assertFalse(log.all().contains(TOKEN) || log.all().contains(MAIN_TOKEN), "token in the log");
    }

    @BeforeEach
    void clients() {
        plivo.reset();
        operator = Http.operator(ivr);
        anonymous = new Http(ivr.baseUrl());
    }

    private static HttpResponse<String> seen(HttpResponse<String> response) {
        responses.add(response);
        return response;
    }

    private HttpResponse<String> postJson(Http http, String json) {
        return seen(http.postJson("/make-call", json));
    }

    // --- Plivo webhook authenticity ------------------------------------------------------------------------------

    @Test
    void aCorrectlySignedWalkOfTheWholeFlowPasses() {
        CallWalker call = new CallWalker(anonymous, publicBase, ivr.baseUrl(), TOKEN);
        call.answer();
        call.press("9");
        call.press("2");
        call.press("2");
        PlivoXmlDoc busy = call.dialEnds("busy");
        assertTrue(busy.first("GetDigits").getAttribute("action").endsWith("/ivr/menu-handler/es?attempt=2"));
        assertEquals(List.of("Play", "Speak", "Hangup"), call.press("1").tags());
    }

    private HttpResponse<String> webhook(String path, Map<String, String> params, Map<String, String> headers) {
        return seen(anonymous.postForm(path, params, headers));
    }

    private static Map<String, String> signed(String path, Map<String, String> params) {
        return CallWalker.signatureHeaders(TOKEN, publicBase + path, params);
    }

    @Test
    void unsignedAndTamperedWebhooksAreRefusedAndLogged() {
        Map<String, String> digits = Map.of("Digits", "1", "CallUUID", "abc");
        Map<String, String> good = signed("/ivr/language-handler", digits);
        assertEquals(200, webhook("/ivr/language-handler", digits, good).statusCode());

        HttpResponse<String> missing = webhook("/ivr/language-handler", digits, Map.of());
        assertEquals(403, missing.statusCode());
        assertEquals("Forbidden: missing or invalid Plivo signature.\n", missing.body());
        assertTrue(log.all().contains("Refused webhook without a valid Plivo signature: POST /ivr/language-handler"
                + " from 127.0.0.1"), log.all());

        Map<String, String> tamperedDigits = Map.of("Digits", "2", "CallUUID", "abc");
        assertEquals(403, webhook("/ivr/language-handler", tamperedDigits, good).statusCode(), "body changed");
        assertEquals(403, webhook("/ivr/language-handler?attempt=3", digits, good).statusCode(), "query changed");
        Map<String, String> otherNonce = new HashMap<>(good);
        otherNonce.put(PlivoSignatureV3.NONCE_HEADER, "different");
        assertEquals(403, webhook("/ivr/language-handler", digits, otherNonce).statusCode(), "nonce changed");
        Map<String, String> flipped = new HashMap<>(good);
        String signature = good.get(PlivoSignatureV3.SIGNATURE_HEADER);
        flipped.put(PlivoSignatureV3.SIGNATURE_HEADER, (signature.charAt(0) == 'A' ? "B" : "A")
                + signature.substring(1));
        assertEquals(403, webhook("/ivr/language-handler", digits, flipped).statusCode(), "signature changed");
        Map<String, String> wrongKey = CallWalker.signatureHeaders("SomeOtherFakeToken000", publicBase
                + "/ivr/language-handler", digits);
        assertEquals(403, webhook("/ivr/language-handler", digits, wrongKey).statusCode(), "other token");
        assertEquals(403, webhook("/ivr/welcome", Map.of(), Map.of()).statusCode());
        assertEquals(403, webhook("/ivr/hangup", Map.of("CallUUID", "x"), Map.of()).statusCode());
    }

    @Test
    void oneGoodSignatureAmongSeveralAndTheMainAccountSignatureAreAccepted() {
        Map<String, String> digits = Map.of("Digits", "2");
        Map<String, String> headers = new HashMap<>(signed("/ivr/language-handler", digits));
        headers.put(PlivoSignatureV3.SIGNATURE_HEADER, "bm90IGl0,"
                + headers.get(PlivoSignatureV3.SIGNATURE_HEADER));
        assertEquals(200, webhook("/ivr/language-handler", digits, headers).statusCode());

        Map<String, String> main = CallWalker.signatureHeaders(MAIN_TOKEN, publicBase + "/ivr/language-handler",
                digits);
        Map<String, String> asMainAccount = Map.of(PlivoSignatureV3.MAIN_ACCOUNT_SIGNATURE_HEADER,
                main.get(PlivoSignatureV3.SIGNATURE_HEADER), PlivoSignatureV3.NONCE_HEADER,
                main.get(PlivoSignatureV3.NONCE_HEADER));
        assertEquals(200, webhook("/ivr/language-handler", digits, asMainAccount).statusCode());
        assertEquals(403, webhook("/ivr/language-handler", digits, main).statusCode(),
                "the main account's signature is only accepted in its own header");
    }

    // --- Operators only --------------------------------------------------------------------------------------------

    @Test
    void operatorPagesNeedASignedInOperator() throws IOException {
        HttpResponse<String> api = seen(anonymous.get("/"));
        assertEquals(401, api.statusCode(), "a script that is not signed in gets 401, not the sign-in page");
        assertTrue(api.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(JSON.readTree(api.body()).get("error").asText().contains("POST /login"), api.body());
        assertTrue(api.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Cookie realm="));
        assertEquals(401, postJson(anonymous, "{\"to\":\"+14155550123\"}").statusCode());

        HttpResponse<String> page = seen(anonymous.send(HttpRequest.newBuilder(URI.create(ivr.baseUrl() + "/"))
                .header("Accept", "text/html,application/xhtml+xml")));
        assertEquals(200, page.statusCode(), "a browser gets the sign-in page");
        assertTrue(page.body().contains("id=\"sign-in-form\""), page.body());
        assertTrue(page.body().contains("action=\"/ivr/login\""), "the form posts to the application, not to"
                + " j_security_check");
        assertTrue(FormPage.csrfToken(page.body()).length() > 20);
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors"),
                "the page the container forwards to has the headers too");
        assertFalse(page.body().contains("<script") || page.body().contains(" style=\""), "no inline script/style");

        Http auditor = new Http(ivr.baseUrl(), EmbeddedIvr.AUDITOR, EmbeddedIvr.AUDITOR_PASSWORD);
        assertEquals(403, seen(auditor.signInResponse()).statusCode(), "signed in, but not an operator");
        assertTrue(auditor.signInResponse().body().contains("role ivr-operator"), auditor.signInResponse().body());
        assertEquals(401, seen(auditor.get("/")).statusCode(), "and no session came of it");
        assertEquals(401, postJson(auditor, "{\"to\":\"+14155550123\"}").statusCode());
        Http wrongPassword = new Http(ivr.baseUrl(), EmbeddedIvr.OPERATOR, "guess");
        assertEquals(401, seen(wrongPassword.signInResponse()).statusCode());
        assertEquals(401, seen(wrongPassword.get("/")).statusCode());
        Http basic = new Http(ivr.baseUrl());
        HttpResponse<String> basicHeader = seen(basic.send(HttpRequest.newBuilder(URI.create(ivr.baseUrl() + "/"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (EmbeddedIvr.OPERATOR + ":" + EmbeddedIvr.OPERATOR_PASSWORD).getBytes()))));
        assertEquals(401, basicHeader.statusCode(), "BASIC credentials are not checked on every request any more");
        assertEquals(0, plivo.received().size());
        assertEquals(200, seen(anonymous.get("/health")).statusCode(), "load balancers need no login");
        assertEquals(200, seen(anonymous.get("/static/app.css")).statusCode());
    }

    @Test
    void signingInChangesTheSessionIdAndTheFormToken() {
        Http browser = new Http(ivr.baseUrl());
        HttpResponse<String> page = seen(browser.send(HttpRequest.newBuilder(URI.create(ivr.baseUrl() + "/"))
                .header("Accept", "text/html")));
        String before = browser.sessionId().orElseThrow();
        String tokenBefore = FormPage.csrfToken(page.body());
        HttpResponse<String> signedIn = seen(browser.postForm("/login", Map.of("username", EmbeddedIvr.OPERATOR,
                "password", EmbeddedIvr.OPERATOR_PASSWORD, "csrf", tokenBefore, "next", "/")));
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        assertEquals("/ivr/", signedIn.headers().firstValue("Location").orElseThrow());
        String after = browser.sessionId().orElseThrow();
        assertFalse(before.equals(after), "session fixation: the id must change at sign-in");
        HttpResponse<String> form = seen(browser.get("/"));
        assertEquals(200, form.statusCode());
        assertFalse(tokenBefore.equals(FormPage.csrfToken(form.body())), "a new form token after signing in");
        assertEquals(403, seen(browser.postForm("/make-call", Map.of("to", "+14155550123", "csrf", tokenBefore)))
                .statusCode(), "the token of the sign-in page is worth nothing now");
        assertTrue(form.body().contains("Signed in as <strong id=\"signed-in-user\">operator</strong>"), form.body());

        Http fixated = new Http(ivr.baseUrl());
        fixated.get("/login");
        String planted = fixated.sessionId().orElseThrow();
        assertEquals(200, seen(fixated.signIn(EmbeddedIvr.OPERATOR, EmbeddedIvr.OPERATOR_PASSWORD)).statusCode());
        assertFalse(planted.equals(fixated.sessionId().orElseThrow()), "scripts get a new id too");
    }

    @Test
    void theSignInFormNeedsItsTokenAndReturnsOnlyToPathsInsideTheApplication() {
        Http browser = new Http(ivr.baseUrl());
        String token = FormPage.csrfToken(browser.get("/login").body());
        HttpResponse<String> noToken = seen(browser.postForm("/login", Map.of("username", EmbeddedIvr.OPERATOR,
                "password", EmbeddedIvr.OPERATOR_PASSWORD)));
        assertEquals(403, noToken.statusCode(), "login CSRF: a cross-site form cannot sign anyone in");
        assertTrue(noToken.body().contains("The sign-in form had expired"), noToken.body());
        HttpResponse<String> wrong = seen(browser.postForm("/login", Map.of("username", EmbeddedIvr.OPERATOR,
                "password", "guess", "csrf", token)));
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("Wrong user name or password."), wrong.body());
        assertTrue(wrong.body().contains("value=\"operator\""), "the user name is kept");
        assertFalse(wrong.body().contains("guess"), "the password is not");
        for (String next : List.of("//evil.example.com/", "/\\evil.example.com", "https://evil.example.com/",
                "javascript:alert(1)", "/login", "/%0d%0aSet-Cookie:x=y\r\n")) {
            Http client = new Http(ivr.baseUrl());
            String fresh = FormPage.csrfToken(client.get("/login").body());
            HttpResponse<String> redirected = seen(client.postForm("/login", Map.of("username", EmbeddedIvr.OPERATOR,
                    "password", EmbeddedIvr.OPERATOR_PASSWORD, "csrf", fresh, "next", next)));
            assertEquals(303, redirected.statusCode());
            assertEquals("/ivr/", redirected.headers().firstValue("Location").orElseThrow(), next);
        }
        Http client = new Http(ivr.baseUrl());
        HttpResponse<String> phone = seen(client.send(HttpRequest.newBuilder(URI.create(ivr.baseUrl()
                + "/simulator/calls/00000000-0000-0000-0000-000000000000?x=1")).header("Accept", "text/html")));
        assertTrue(phone.body().contains("name=\"next\" value=\"/simulator/calls/00000000-0000-0000-0000-000000000000?x=1\""),
                "back to the page that was asked for: " + phone.body());
    }

    @Test
    void signingOutEndsTheSessionAndNeedsTheFormToken() {
        Http browser = Http.operator(ivr);
        String token = FormPage.csrfToken(seen(browser.get("/")).body());
        assertEquals(403, seen(browser.postForm("/logout", Map.of())).statusCode(), "no token: another site's form");
        assertEquals(403, seen(browser.postForm("/logout", Map.of("csrf", "forged"))).statusCode());
        assertEquals(200, seen(browser.get("/")).statusCode(), "still signed in");
        assertEquals(405, seen(browser.get("/logout")).statusCode(), "a link cannot sign anyone out");
        HttpResponse<String> out = seen(browser.postForm("/logout", Map.of("csrf", token)));
        assertEquals(303, out.statusCode());
        assertEquals("/ivr/login?signed-out", out.headers().firstValue("Location").orElseThrow());
        assertEquals(401, seen(browser.get("/")).statusCode(), "signed out");
        assertTrue(seen(browser.get("/login?signed-out")).body().contains("You have signed out."));

        Http script = Http.operator(ivr);
        String id = script.sessionId().orElseThrow();
        assertEquals(204, seen(script.signOut()).statusCode());
        assertEquals(401, seen(script.postJson("/make-call", "{\"to\":\"+14155550123\"}")).statusCode());
        Http replay = new Http(ivr.baseUrl());
        HttpResponse<String> withOldCookie = seen(replay.send(HttpRequest.newBuilder(URI.create(ivr.baseUrl() + "/"))
                .header("Cookie", "JSESSIONID=" + id)));
        assertEquals(401, withOldCookie.statusCode(), "the old session id is dead");
        assertEquals(0, plivo.received().size());
    }

    @Test
    void scriptsSignInOnceAndUseTheSessionCookie() throws IOException {
        Http script = new Http(ivr.baseUrl());
        HttpResponse<String> signIn = seen(script.signIn(EmbeddedIvr.OPERATOR, EmbeddedIvr.OPERATOR_PASSWORD));
        assertEquals(200, signIn.statusCode(), signIn.body());
        assertEquals("operator", JSON.readTree(signIn.body()).get("user").asText());
        assertTrue(signIn.headers().allValues("Set-Cookie").toString().contains("JSESSIONID="));
        for (int i = 0; i < 3; i++) {
            assertEquals(200, seen(script.get("/")).statusCode());
        }
        assertEquals(201, postJson(script, "{\"to\":\"+14155550123\"}").statusCode());
        assertEquals(1, plivo.received().size());
        for (String body : List.of("{}", "{\"username\":\"operator\"}", "{\"username\":1,\"password\":2}", "[]", "{")) {
            assertEquals(400, seen(new Http(ivr.baseUrl()).postJson("/login", body)).statusCode(), body);
        }
        assertEquals(415, seen(new Http(ivr.baseUrl()).send("POST", "/login", "text/plain", "{}")).statusCode());
        assertEquals(401, seen(new Http(ivr.baseUrl()).signIn("operator\nSEVERE: forged", "x")).statusCode());
        assertEquals(401, seen(new Http(ivr.baseUrl()).signIn(EmbeddedIvr.OPERATOR, "x".repeat(2000))).statusCode(),
                "a password longer than any real one is refused without a password check");
        assertFalse(log.all().contains("\nSEVERE: forged"), "user names are logged without line breaks");
    }

    @Test
    void theContainersRoleCheckStillStandsBehindTheSignInPage() {
        // j_security_check is the container's own door (not used by the application's pages): an account without
        // the role that signs in there is still refused every operator page by web.xml's constraint.
        Http auditor = new Http(ivr.baseUrl());
        auditor.send(HttpRequest.newBuilder(URI.create(ivr.baseUrl() + "/")).header("Accept", "text/html"));
        HttpResponse<String> signedIn = seen(auditor.postForm("/j_security_check", Map.of("j_username",
                EmbeddedIvr.AUDITOR, "j_password", EmbeddedIvr.AUDITOR_PASSWORD)));
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        assertEquals(403, seen(auditor.get("/")).statusCode());
        assertEquals(403, postJson(auditor, "{\"to\":\"+14155550123\"}").statusCode());
        assertEquals(0, plivo.received().size());
    }

    @Test
    void anOperatorPlacesACall() {
        HttpResponse<String> created = postJson(operator, "{\"to\":\"+14155550123\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(1, plivo.received().size());
    }

    @Test
    void formPostsWithoutTheSessionsTokenAreRefused() {
        seen(operator.get("/"));
        HttpResponse<String> none = seen(operator.postForm("/make-call", Map.of("to", "+14155550123")));
        assertEquals(403, none.statusCode());
        HttpResponse<String> forged = seen(operator.postForm("/make-call", Map.of("to", "+14155550123",
                "csrf", "forged-token")));
        assertEquals(403, forged.statusCode());
        Http otherSession = Http.operator(ivr);
        String othersToken = FormPage.csrfToken(seen(otherSession.get("/")).body());
        assertEquals(403, seen(operator.postForm("/make-call", Map.of("to", "+14155550123",
                "csrf", othersToken))).statusCode(), "another session's token");
        HttpResponse<String> crossSitePlainText = seen(operator.send("POST", "/make-call", "text/plain",
                "{\"to\":\"+14155550123\"}"));
        assertEquals(415, crossSitePlainText.statusCode(), "neither the form (token) nor JSON: refused, and a"
                + " cross-site form cannot send application/json");
        assertEquals(0, plivo.received().size());
        String token = FormPage.csrfToken(seen(operator.get("/")).body());
        assertEquals(303, seen(operator.postForm("/make-call", Map.of("to", "+14155550123", "csrf", token)))
                .statusCode());
        assertEquals(1, plivo.received().size());
    }

    @Test
    void premiumSharedCostAndForeignNumbersAreRefusedWithTheReason() {
        HttpResponse<String> premium = postJson(operator, "{\"to\":\"+1 900 234 5678\"}");
        assertEquals(400, premium.statusCode());
        assertTrue(premium.body().contains("+19002345678 is a premium-rate number"), premium.body());
        HttpResponse<String> shared = postJson(operator, "{\"to\":\"+34 901 123 456\"}");
        assertEquals(400, shared.statusCode());
        assertTrue(shared.body().contains("shared-cost"), shared.body());
        HttpResponse<String> france = postJson(operator, "{\"to\":\"+33 1 23 45 67 89\"}");
        assertEquals(400, france.statusCode());
        assertTrue(france.body().contains("Calls to FR are not allowed (ivr.allowed-countries: CA,ES,GB,US)"),
                france.body());
        HttpResponse<String> personal = postJson(operator, "{\"to\":\"+44 70 1234 5678\"}");
        assertEquals(400, personal.statusCode(), "a personal number in an allowed country");
        assertTrue(personal.body().contains("ivr.allowed-number-classes includes personal"), personal.body());
        assertEquals(0, plivo.received().size());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aBurstOverTheLimitGets429WithRetryAfterAndNothingReachesPlivo() {
        Http burster = Http.operator(ivr);
        int created = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 6 && refused == null; i++) {
            HttpResponse<String> response = postJson(burster, "{\"to\":\"+14155550123\"}");
            if (response.statusCode() == 201) {
                created++;
            } else {
                refused = response;
            }
        }
        assertTrue(refused != null && refused.statusCode() == 429, "no 429 in a burst");
        assertTrue(created <= 3, "at most 3 per minute, got " + created);
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertTrue(refused.body().contains("at most 3 calls per minute"), refused.body());
        assertEquals(created, plivo.received().size());
        String token = FormPage.csrfToken(seen(burster.get("/")).body());
        HttpResponse<String> form = seen(burster.postForm("/make-call", Map.of("to", "+14155550123", "csrf", token)));
        assertEquals(429, form.statusCode());
        assertTrue(form.headers().firstValue("Retry-After").isPresent());
        assertEquals(created, plivo.received().size());
    }

    // --- Safe output ------------------------------------------------------------------------------------------------

    @Test
    void htmlPagesCarryHardeningHeadersAndAStrictSessionCookie() {
        Http browser = Http.operator(ivr);
        HttpResponse<String> page = seen(browser.get("/"));
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));
        HttpResponse<String> signIn = browser.signInResponse();
        String cookie = signIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError(signIn.headers().map().toString()));
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertFalse(page.body().contains("<script>") || page.body().contains(" style=\""), "no inline script/style");
        HttpResponse<String> error = seen(anonymous.get("/nothing-here"));
        assertTrue(error.headers().firstValue("Content-Security-Policy").isPresent(), "error pages too");
        HttpResponse<String> webhookError = seen(anonymous.postForm("/ivr/main-menu/xx", Map.of()));
        assertEquals(403, webhookError.statusCode());
        HttpResponse<String> notFoundUnderIvr = seen(Http.operator(ivr).get("/ivr-nothing"));
        assertTrue(notFoundUnderIvr.headers().firstValue("Content-Security-Policy").isPresent());
        HttpResponse<String> xml = seen(anonymous.postForm("/ivr/welcome", Map.of(),
                signed("/ivr/welcome", Map.of())));
        assertEquals(200, xml.statusCode());
        assertEquals("nosniff", xml.headers().firstValue("X-Content-Type-Options").orElse(""),
                "Plivo XML is never sniffed as HTML");
    }

    @Test
    void theSessionCookieIsSecureWhenServedOverHttps() {
        String plainCookie = Http.operator(ivr).signInResponse().headers().allValues("Set-Cookie").toString();
        assertFalse(plainCookie.contains("Secure"), "plain HTTP (local development): " + plainCookie);
        try (EmbeddedIvr behindTls = EmbeddedIvr.start(0, "/tls", Map.of(), EmbeddedIvr.OPERATOR_PASSWORD, true)) {
            // The client keeps no Secure cookie over plain HTTP; what matters is what the server sets.
            HttpResponse<String> signIn = seen(new Http(behindTls.baseUrl()).signIn(EmbeddedIvr.OPERATOR,
                    EmbeddedIvr.OPERATOR_PASSWORD));
            assertEquals(200, signIn.statusCode());
            String cookie = signIn.headers().allValues("Set-Cookie").toString();
            assertTrue(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
                    cookie);
        }
    }

    /**
     * Headers follow what the container dispatched, not the URI's text: {@code /ivr/..;/} is the call form (Tomcat
     * drops the path parameter and normalises to {@code /}); it used to be served without CSP or framing protection
     * because its raw URI starts with /ivr/.
     */
    @Test
    void pagesReachedThroughDotDotSemicolonPathsKeepTheirHeaders() {
        Http browser = Http.operator(ivr);
        List<String> pages = List.of("/ivr/..;/", "/ivr/..;/index", "/ivr/..;x=y/", "/ivr/main-menu/..;/..;/",
                "/ivr/.;/..;/", "/static/..;/", "/ivr/welcome/..;/..;/index", "/;x=y/");
        for (String path : pages) {
            HttpResponse<String> page = seen(browser.get(path));
            assertEquals(200, page.statusCode(), path);
            assertTrue(page.body().contains("<html"), path);
            assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("none")
                    .startsWith("default-src 'self'"), path);
            assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse("none"), path);
            assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse("none"), path);
        }
        // The other way round: a webhook reached through a path that does not start with /ivr/ is a webhook.
        String odd = "/x/..;/ivr/welcome";
        HttpResponse<String> xml = seen(anonymous.postForm(odd, Map.of(), signed(odd, Map.of())));
        assertEquals(200, xml.statusCode(), xml.body());
        assertTrue(xml.body().contains("<Response>"), xml.body());
        assertTrue(xml.headers().firstValue("Content-Security-Policy").isEmpty(), "Plivo XML: nosniff only");
        assertEquals("nosniff", xml.headers().firstValue("X-Content-Type-Options").orElse(""));
        HttpResponse<String> unsigned = seen(anonymous.postForm(odd, Map.of()));
        assertEquals(403, unsigned.statusCode(), "the signature filter follows the container's mapping too");
    }

    /** Each error status the application produces, with the title and text of that status (not "500"). */
    @Test
    void errorPagesSayTheStatusTheClientGets() {
        Http browser = Http.operator(ivr);
        String token = FormPage.csrfToken(seen(browser.get("/")).body());
        Map<Integer, HttpResponse<String>> pages = new java.util.LinkedHashMap<>();
        pages.put(400, seen(browser.send("POST", "/make-call", "application/x-www-form-urlencoded",
                "to=%zz&csrf=" + token)));
        pages.put(403, seen(browser.postForm("/make-call", Map.of("to", "+14155550123", "csrf", "forged"))));
        pages.put(404, seen(browser.get("/no/such/page")));
        pages.put(405, seen(browser.get("/logout")));
        Http stranger = new Http(ivr.baseUrl());
        // Tomcat's own login action, with valid credentials but no sign-in page seen before: 408.
        pages.put(408, seen(stranger.postForm("/j_security_check", Map.of("j_username", EmbeddedIvr.AUDITOR,
                "j_password", EmbeddedIvr.AUDITOR_PASSWORD))));
        pages.put(413, seen(browser.sendOversized("POST", "/make-call", "application/x-www-form-urlencoded",
                "csrf=" + token + "&to=" + "1".repeat(3 * 1024 * 1024))));
        Map<Integer, String> titles = Map.of(400, "Bad request", 403, "Forbidden", 404, "Not found",
                405, "Method not allowed", 408, "Request timeout", 413, "Request too large");
        pages.forEach((status, page) -> {
            assertEquals(status, page.statusCode(), page.uri() + " " + page.body());
            String title = titles.get(status);
            assertTrue(page.body().contains("<title>InspireWorks IVR — " + status + " " + title + "</title>"),
                    status + ": " + page.body());
            assertTrue(page.body().contains(status + " – " + title), page.body());
            assertFalse(page.body().contains("500") || page.body().contains("on our side"), page.body());
            assertTrue(page.headers().firstValue("Content-Security-Policy").isPresent(), "error pages too");
        });
        assertTrue(pages.get(403).body().contains("Missing or invalid form token"), "our own reason is shown");
        assertEquals(0, plivo.received().size());
    }

    @Test
    void errorPagesShowNoStackTraceOrServerVersion() {
        List<HttpResponse<String>> errors = List.of(
                seen(anonymous.get("/")),
                seen(operator.get("/no/such/page")),
                seen(operator.send("PUT", "/make-call", "application/json", "{}")),
                seen(operator.postForm("/make-call", Map.of())),
                seen(anonymous.postForm("/ivr/welcome", Map.of())));
        for (HttpResponse<String> error : errors) {
            assertTrue(error.statusCode() >= 400 && error.statusCode() < 500, error.uri() + " " + error.statusCode());
            String body = error.body();
            assertFalse(body.contains("Exception") || body.contains("Apache Tomcat") || body.contains("at com."),
                    body);
            assertTrue(error.headers().firstValue("Server").isEmpty(), "no server banner");
        }
    }
}
