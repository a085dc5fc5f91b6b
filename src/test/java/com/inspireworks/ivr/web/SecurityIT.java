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
import java.io.IOException;
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
    void operatorPagesNeedAnOperator() {
        HttpResponse<String> form = seen(anonymous.get("/"));
        assertEquals(401, form.statusCode());
        assertTrue(form.headers().firstValue("WWW-Authenticate").orElse("").startsWith(
                "Basic realm=\"InspireWorks IVR\""), form.headers().map().toString());
        assertEquals(401, postJson(anonymous, "{\"to\":\"+14155550123\"}").statusCode());
        Http auditor = new Http(ivr.baseUrl(), EmbeddedIvr.AUDITOR, EmbeddedIvr.AUDITOR_PASSWORD);
        assertEquals(403, seen(auditor.get("/")).statusCode(), "signed in, but not an operator");
        assertEquals(403, postJson(auditor, "{\"to\":\"+14155550123\"}").statusCode());
        Http wrongPassword = new Http(ivr.baseUrl(), EmbeddedIvr.OPERATOR, "guess");
        assertEquals(401, seen(wrongPassword.get("/")).statusCode());
        assertEquals(0, plivo.received().size());
        assertEquals(200, seen(anonymous.get("/health")).statusCode(), "load balancers need no login");
        assertEquals(200, seen(anonymous.get("/static/app.css")).statusCode());
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
        assertEquals(0, plivo.received().size());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aBurstOverTheLimitGets429WithRetryAfterAndNothingReachesPlivo() {
        Http burster = new Http(ivr.baseUrl(), EmbeddedIvr.OPERATOR, EmbeddedIvr.OPERATOR_PASSWORD);
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
        HttpResponse<String> page = seen(Http.operator(ivr).get("/"));
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError(page.headers().map().toString()));
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
        String plainCookie = seen(Http.operator(ivr).get("/")).headers().allValues("Set-Cookie").toString();
        assertFalse(plainCookie.contains("Secure"), "plain HTTP (local development): " + plainCookie);
        try (EmbeddedIvr behindTls = EmbeddedIvr.start(0, "/tls", Map.of(), EmbeddedIvr.OPERATOR_PASSWORD, true)) {
            HttpResponse<String> page = seen(Http.operator(behindTls).get("/"));
            assertEquals(200, page.statusCode());
            String cookie = page.headers().allValues("Set-Cookie").toString();
            assertTrue(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
                    cookie);
        }
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
