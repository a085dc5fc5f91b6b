package com.inspireworks.ivr.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.inspireworks.ivr.support.CapturedLog;
import com.inspireworks.ivr.support.EmbeddedIvr;
import com.inspireworks.ivr.support.FakePlivoApi;
import com.inspireworks.ivr.support.FormPage;
import com.inspireworks.ivr.support.Http;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Placing calls from the form and the JSON API, against a fake Plivo API on loopback. */
class MakeCallIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static FakePlivoApi plivo;
    static EmbeddedIvr ivr;
    static CapturedLog log;
    /** Every body the app sent back, to check no secret ever leaves. */
    static final List<String> bodies = new ArrayList<>();
    Http http;

    @BeforeAll
    static void start() throws IOException {
        log = CapturedLog.application();
        plivo = new FakePlivoApi();
        ivr = EmbeddedIvr.start(0, "/ivr", plivo.settings(Map.of(
                "ivr.public-url", "https://ivr.example.com/ivr",
                "plivo.read-timeout-ms", "1000",
                "ivr.max-calls-per-minute", "1000")));
    }

    @AfterAll
    static void stop() {
        ivr.close();
        plivo.close();
        String everything = String.join("\n", bodies) + log.all();
        log.close();
        assertFalse(everything.contains(FakePlivoApi.AUTH_TOKEN), "the auth token leaked");
    }

    @BeforeEach
    void reset() {
        plivo.reset();
        http = Http.operator(ivr);
    }

    /** What the browser does: load the form (which holds the session's token), then submit it. */
    private HttpResponse<String> submitForm(String to) {
        String page = http.get("/").body();
        return http.postForm("/make-call", Map.of("to", to, "csrf", FormPage.csrfToken(page)));
    }

    private HttpResponse<String> postJson(String json) {
        HttpResponse<String> response = http.postJson("/make-call", json);
        bodies.add(response.body());
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    @Test
    void jsonApiPlacesTheCallWithOurAnswerAndHangupUrls() throws IOException {
        HttpResponse<String> response = postJson("{\"to\":\"+1 (415) 555-0123\"}");
        assertEquals(201, response.statusCode(), response.body());
        JsonNode body = json(response);
        assertEquals("+14155550123", body.get("to").asText());
        assertEquals(1, plivo.received().size());
        JsonNode sent = plivo.received().get(0).body();
        String callId = body.get("callId").asText();
        assertTrue(callId.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), callId);
        assertFalse(body.get("simulated").asBoolean());
        assertEquals("https://ivr.example.com/ivr/ivr/welcome?call=" + callId, sent.get("answer_url").asText());
        assertEquals("https://ivr.example.com/ivr/ivr/hangup?call=" + callId, sent.get("hangup_url").asText());
        assertEquals("+14155550100", sent.get("from").asText());
        assertEquals(36, body.get("requestUuid").asText().length());
    }

    @Test
    void aBadNumberIs400AndNothingReachesPlivo() throws IOException {
        HttpResponse<String> response = postJson("{\"to\":\"12345\"}");
        assertEquals(400, response.statusCode());
        assertTrue(json(response).get("error").asText().contains("country code"), response.body());
        assertEquals(0, plivo.received().size());
    }

    @Test
    void malformedRequestsGetSpecific400s() throws IOException {
        for (String body : List.of("{\"to\":", "[]", "{}", "{\"to\":14155550123}", "{\"number\":\"+14155550123\"}",
                "", "null")) {
            HttpResponse<String> response = postJson(body);
            assertEquals(400, response.statusCode(), body);
            assertTrue(json(response).get("error").asText().contains("{\"to\":\"+14155550123\"}"), response.body());
        }
        HttpResponse<String> huge = postJson("{\"to\":\"" + "1".repeat(10_000) + "\"}");
        assertEquals(413, huge.statusCode());
        assertEquals(0, plivo.received().size());
    }

    @Test
    void plivoRefusalIs502WithPlivosReason() throws IOException {
        plivo.mode(FakePlivoApi.Mode.REJECT_NUMBER);
        HttpResponse<String> response = postJson("{\"to\":\"+14155550123\"}");
        assertEquals(502, response.statusCode());
        assertEquals("Plivo refused the call: invalid 'to' number", json(response).get("error").asText());
    }

    @Test
    void rejectedCredentialsAre502AndNamedNotShown() throws IOException {
        plivo.mode(FakePlivoApi.Mode.REJECT_CREDENTIALS);
        HttpResponse<String> response = postJson("{\"to\":\"+14155550123\"}");
        assertEquals(502, response.statusCode());
        assertTrue(json(response).get("error").asText().contains("credentials"), response.body());
    }

    @Test
    void plivoServerErrorIs502AfterExactlyOneRequest() throws IOException {
        plivo.mode(FakePlivoApi.Mode.SERVER_ERROR);
        HttpResponse<String> response = postJson("{\"to\":\"+14155550123\"}");
        assertEquals(502, response.statusCode());
        assertTrue(json(response).get("error").asText().startsWith("Plivo failed with HTTP 500"), response.body());
        assertEquals(1, plivo.received().size(), "one call request, not three");
        assertFalse(response.body().contains("Exception"));
    }

    @Test
    void slowPlivoTimesOutAndTheFormStaysUsable() throws IOException {
        plivo.mode(FakePlivoApi.Mode.SLOW);
        plivo.slowness(Duration.ofSeconds(3));
        HttpResponse<String> response = postJson("{\"to\":\"+14155550123\"}");
        assertEquals(502, response.statusCode());
        assertTrue(json(response).get("error").asText().startsWith("Plivo did not answer within 1 s"),
                response.body());
        plivo.mode(FakePlivoApi.Mode.ACCEPT);
        assertEquals(201, postJson("{\"to\":\"+14155550123\"}").statusCode());
        assertEquals(200, http.get("/").statusCode());
    }

    @Test
    void formPlacesTheCallAndShowsTheRequestUuidOnce() {
        HttpResponse<String> posted = submitForm("+1 415 555 0123");
        assertEquals(303, posted.statusCode());
        assertEquals("/ivr/", posted.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> page = http.get("/");
        bodies.add(page.body());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Calling +14155550123."), page.body());
        assertTrue(page.body().contains("Plivo request UUID"));
        assertEquals(1, plivo.received().size());
        HttpResponse<String> again = http.get("/");
        assertFalse(again.body().contains("Plivo request UUID"), "the result is shown once (POST-redirect-GET)");
    }

    @Test
    void formShowsASpecificErrorAndKeepsWhatWasTyped() {
        HttpResponse<String> posted = submitForm("<b>12345</b>");
        assertEquals(303, posted.statusCode());
        HttpResponse<String> page = http.get("/");
        bodies.add(page.body());
        assertTrue(page.body().contains("A phone number may contain only digits"), page.body());
        assertTrue(page.body().contains("value=\"&lt;b&gt;12345&lt;/b&gt;\""), "escaped, not executed");
        assertFalse(page.body().contains("<b>12345</b>"));
        assertEquals(0, plivo.received().size());
    }

    @Test
    void formShowsPlivoFailures() {
        plivo.mode(FakePlivoApi.Mode.SERVER_ERROR);
        submitForm("+14155550123");
        String page = http.get("/").body();
        bodies.add(page);
        assertTrue(page.contains("Plivo failed with HTTP 500"), page);
        assertTrue(page.contains("id=\"call-error\""));
    }

    @Test
    void formShowsTheNumbersInUseAndNoSecrets() {
        HttpResponse<String> page = http.get("/");
        bodies.add(page.body());
        assertTrue(page.body().contains("+14155550100"));
        assertTrue(page.body().contains("+14155550199"));
        assertFalse(page.body().contains("Calls cannot be placed"));
        HttpResponse<String> health = http.get("/health");
        bodies.add(health.body());
        assertTrue(health.body().contains("\"callsEnabled\":true"), health.body());
        assertTrue(health.body().contains("\"plivo.auth-token\":true"), health.body());
    }

    /**
     * The numbers the penetration test placed with the shipped defaults (no ivr.allowed-countries): each is refused
     * with 400 naming its class and the setting that would allow it, and nothing reaches Plivo.
     */
    @Test
    void highCostDestinationsAreRefusedByDefault() throws IOException {
        Map<String, String> examples = new java.util.LinkedHashMap<>();
        examples.put("+881 612345678", "satellite");
        examples.put("+870 301234567", "satellite");
        examples.put("+883 510012345", "international-network");
        examples.put("+44 70 1234 5678", "personal");
        examples.put("+1 500 234 5678", "personal");
        examples.put("+44 76 4012 3456", "pager");
        examples.put("+44 56 1234 5678", "voip");
        examples.put("+800 12345678", "non-geographic");
        for (Map.Entry<String, String> example : examples.entrySet()) {
            HttpResponse<String> response = postJson("{\"to\":\"" + example.getKey() + "\"}");
            assertEquals(400, response.statusCode(), example.getKey() + ": " + response.body());
            String error = json(response).get("error").asText();
            assertTrue(error.contains("(class " + example.getValue() + ")"), error);
            assertTrue(error.contains("ivr.allowed-number-classes includes " + example.getValue()), error);
            String page = submitForm(example.getKey()).headers().firstValue("Location").orElse("");
            assertEquals("/ivr/", page, "the form shows the refusal");
            assertTrue(http.get("/").body().contains("ivr.allowed-number-classes includes " + example.getValue()));
        }
        assertEquals(0, plivo.received().size());
    }
}
