package com.inspireworks.ivr.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.inspireworks.ivr.support.CapturedLog;
import com.inspireworks.ivr.support.EmbeddedIvr;
import com.inspireworks.ivr.support.FakePlivoApi;
import com.inspireworks.ivr.support.Http;
import com.inspireworks.ivr.support.FormPage;
import com.inspireworks.ivr.support.SignatureCheckingProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Simulated calls through the built WAR over real HTTP, in simulation mode (no Plivo account): the seed's four
 * scenarios driven through the JSON API, with every request the simulator sends checked for a valid Plivo
 * signature by a proxy standing at the public URL. Nothing may reach the (fake) Plivo API.
 */
class SimulatorIT {

    static final String TOKEN = "SimulatorItToken0123456789";
    static final String AUDIO_EN = "https://media.example.com/en.mp3";
    static final ObjectMapper JSON = new ObjectMapper();

    static FakePlivoApi plivo;
    static SignatureCheckingProxy proxy;
    static EmbeddedIvr ivr;
    static CapturedLog log;
    Http http;

    @BeforeAll
    static void start() throws IOException {
        log = CapturedLog.application();
        plivo = new FakePlivoApi();
        proxy = new SignatureCheckingProxy(TOKEN);
        ivr = EmbeddedIvr.start(0, "/ivr", Map.of(
                "ivr.public-url", proxy.origin() + "/ivr",
                "plivo.auth-token", TOKEN,
                "plivo.api-url", plivo.baseUrl(),
                "plivo.phone-number", "+14155550100",
                "ivr.associate-number", "+14155550199",
                "ivr.audio-url.en", AUDIO_EN,
                "ivr.max-calls-per-minute", "1000"));
        proxy.forwardTo("http://127.0.0.1:" + ivr.port());
    }

    @AfterAll
    static void stop() {
        ivr.close();
        proxy.close();
        plivo.close();
        log.close();
    }

    @BeforeEach
    void client() {
        http = Http.operator(ivr);
        proxy.clear();
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(response.body(), e);
        }
    }

    /** Places a call through {@code POST /make-call} and answers it. */
    String answeredCall() {
        HttpResponse<String> placed = http.postJson("/make-call", "{\"to\":\"+1 415 555 0123\"}");
        assertEquals(201, placed.statusCode(), placed.body());
        String id = json(placed).get("callId").asText();
        JsonNode call = act(id, "answer", "{}");
        assertEquals("in-progress", call.get("state").asText(), () -> call.get("events").toPrettyString());
        return id;
    }

    JsonNode act(String id, String action, String body) {
        HttpResponse<String> response = http.postJson("/simulator/api/calls/" + id + "/" + action, body);
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    JsonNode press(String id, char key) {
        return act(id, "keys", "{\"key\":\"" + key + "\"}");
    }

    static List<String> heard(JsonNode call) {
        List<String> spoken = new ArrayList<>();
        call.get("events").forEach(e -> {
            if (e.get("kind").asText().equals("speak")) {
                spoken.add(e.get("text").asText());
            }
        });
        return spoken;
    }

    static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    @Test
    void theJsonApiPlacesASimulatedCallAndNothingReachesPlivo() {
        HttpResponse<String> placed = http.postJson("/make-call", "{\"to\":\"+1 (415) 555-0123\"}");
        assertEquals(201, placed.statusCode(), placed.body());
        JsonNode body = json(placed);
        String id = body.get("callId").asText();
        assertEquals("+14155550123", body.get("to").asText());
        assertEquals(ivr.baseUrl() + "/simulator/calls/" + id, body.get("phoneUrl").asText());
        assertEquals(body.get("phoneUrl").asText(), placed.headers().firstValue("Location").orElse(""));
        JsonNode ringing = json(http.get("/simulator/api/calls/" + id));
        assertEquals("ringing", ringing.get("state").asText());
        assertEquals("answer", ringing.get("awaiting").asText());
        assertTrue(proxy.seen().isEmpty(), "nothing is fetched before the call is answered");
        assertEquals(200, http.get("/simulator/calls/" + id).statusCode());
        assertTrue(plivo.received().isEmpty());
    }

    @Test
    void englishCallerHearsTheRecordedMessageOverSignedRequests() {
        String id = answeredCall();
        press(id, '1');
        JsonNode call = press(id, '1');
        assertEquals("ended", call.get("state").asText());
        List<String> played = new ArrayList<>();
        call.get("events").forEach(e -> {
            if (e.get("kind").asText().equals("play")) {
                played.add(e.get("url").asText());
            }
        });
        assertEquals(List.of(AUDIO_EN), played);
        assertEquals("Thank you for calling InspireWorks. Goodbye.", last(heard(call)));

        List<String> paths = proxy.seen().stream().map(SignatureCheckingProxy.Seen::path).toList();
        assertEquals(List.of("/ivr/ivr/welcome", "/ivr/ivr/language-handler", "/ivr/ivr/main-menu/en",
                "/ivr/ivr/menu-handler/en", "/ivr/ivr/hangup"), paths);
        Set<String> nonces = new HashSet<>();
        for (SignatureCheckingProxy.Seen request : proxy.seen()) {
            assertTrue(request.signatureValid(), () -> "bad signature on " + request);
            nonces.add(request.nonce());
        }
        assertEquals(paths.size(), nonces.size(), "a fresh nonce per request");
        SignatureCheckingProxy.Seen answer = proxy.seen().get(0);
        assertEquals(List.of("+14155550123"), answer.parameters().get("To"));
        assertEquals(List.of(call.get("callUuid").asText()), answer.parameters().get("CallUUID"));
        assertTrue(plivo.received().isEmpty());
    }

    @Test
    void spanishCallerIsPutThroughToTheAssociate() {
        String id = answeredCall();
        press(id, '2');
        JsonNode ringing = press(id, '2');
        assertEquals("dial-outcome", ringing.get("awaiting").asText());
        assertEquals("+14155550199", ringing.get("dialNumbers").get(0).asText());
        assertEquals("Por favor espere mientras le comunicamos con un asociado.", last(heard(ringing)));
        JsonNode ended = act(id, "dial", "{\"outcome\":\"answered\"}");
        assertEquals("ended", ended.get("state").asText());
        SignatureCheckingProxy.Seen dialAction = proxy.seen().stream()
                .filter(s -> s.path().equals("/ivr/ivr/dial-status/es")).findFirst().orElseThrow();
        assertEquals(List.of("completed"), dialAction.parameters().get("DialStatus"));
    }

    @Test
    void invalidInputRepeatsTheMenu() {
        String id = answeredCall();
        JsonNode again = press(id, '7');
        List<String> heard = heard(again);
        assertEquals(List.of("Sorry, that is not a valid option.", "Lo sentimos, esa opción no es válida.",
                "For English, press 1.", "Para español, oprima 2."), heard.subList(2, heard.size()));
        assertEquals("keys", again.get("awaiting").asText());
    }

    @Test
    void silenceReplaysTheMenuThenSaysGoodbyeAndTheHangupUrlHearsOfIt() {
        String id = answeredCall();
        JsonNode replay = act(id, "silence", "");
        assertEquals("Para español, oprima 2.", last(heard(replay)));
        JsonNode ended = act(id, "silence", "{}");
        assertEquals("ended", ended.get("state").asText());
        assertEquals(List.of("We did not receive any input. Goodbye.", "No recibimos ninguna respuesta. Adiós."),
                heard(ended).subList(4, 6));
        String callUuid = ended.get("callUuid").asText();
        assertTrue(log.all().contains("Call ended: CallUUID=" + callUuid + " To=+14155550123 CallStatus=completed"
                + " HangupCause=NORMAL_CLEARING HangupSource=Answer XML Duration=0 BillDuration=0 call=" + id),
                log.all());
    }

    @Test
    void noAssociateAvailableLeadsBackToTheSpanishMenu() {
        String id = answeredCall();
        press(id, '2');
        press(id, '2');
        JsonNode back = act(id, "dial", "{\"outcome\":\"no-answer\"}");
        List<String> heard = heard(back);
        assertEquals(List.of("Lo sentimos, no hay ningún asociado disponible en este momento.",
                "Para escuchar un mensaje grabado, oprima 1. Para hablar con un asociado, oprima 2."),
                heard.subList(heard.size() - 2, heard.size()));
        assertEquals("in-progress", back.get("state").asText());
    }

    @Test
    void theCallFormOpensThePhonePage() {
        HttpResponse<String> form = http.get("/");
        assertTrue(form.body().contains("id=\"simulation-mode\""), form.body());
        assertTrue(form.body().contains("Call in the simulator"));
        HttpResponse<String> placed = http.postForm("/make-call", Map.of("to", "+14155550123",
                "csrf", FormPage.csrfToken(form.body())));
        assertEquals(303, placed.statusCode());
        String location = placed.headers().firstValue("Location").orElseThrow();
        Matcher page = Pattern.compile("/ivr/simulator/calls/([0-9a-f-]{36})").matcher(location);
        assertTrue(page.matches(), location);

        HttpResponse<String> phone = http.get(location.substring("/ivr".length()));
        assertEquals(200, phone.statusCode());
        String html = phone.body();
        assertTrue(html.contains("data-api=\"/ivr/simulator/api/calls/" + page.group(1) + "\""), html);
        for (String key : List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#")) {
            assertTrue(html.contains(">" + key + "</button>"), key);
        }
        assertTrue(html.contains("<script src=\"/ivr/static/phone.js\" defer></script>"));
        // What the Content-Security-Policy forbids: inline scripts, inline styles, event-handler attributes.
        assertFalse(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(html).find(), "inline script");
        assertFalse(Pattern.compile("\\sstyle=|<style|\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(html).find());
        assertEquals(200, http.get("/static/phone.js").statusCode());
        assertEquals(200, http.get("/static/phone.css").statusCode());
    }

    /** The phone page behind {@code ..;} keeps its headers (they used to be dropped for raw URIs under /ivr/). */
    @Test
    void thePhonePageBehindDotDotSemicolonKeepsItsSecurityHeaders() {
        String id = json(http.postJson("/make-call", "{\"to\":\"+14155550123\"}")).get("callId").asText();
        for (String path : List.of("/ivr/..;/simulator/calls/" + id, "/ivr/hangup/..;/..;/simulator/calls/" + id)) {
            HttpResponse<String> page = http.get(path);
            assertEquals(200, page.statusCode(), path);
            assertTrue(page.body().contains("data-api="), path);
            assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors"),
                    path);
            assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""), path);
            assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""), path);
        }
    }

    @Test
    void aBadNumberIsRefusedLikeForRealCalls() {
        HttpResponse<String> api = http.postJson("/make-call", "{\"to\":\"12345\"}");
        assertEquals(400, api.statusCode());
        assertTrue(json(api).get("error").asText().contains("country code"), api.body());
        HttpResponse<String> form = http.postForm("/make-call", Map.of("to", "0800 FLOWERS",
                "csrf", FormPage.csrfToken(http.get("/").body())));
        assertEquals(303, form.statusCode());
        assertEquals("/ivr/", form.headers().firstValue("Location").orElse(""));
        assertTrue(http.get("/").body().contains("A phone number may contain only digits"));
        assertTrue(plivo.received().isEmpty());
    }

    @Test
    void theApiRefusesWhatItCannotUse() {
        String id = json(http.postJson("/simulator/api/calls", "{\"to\":\"+14155550123\"}")).get("callId").asText();
        String calls = "/simulator/api/calls/";
        assertEquals(415, http.postForm(calls + id + "/answer", Map.of()).statusCode());
        assertEquals(415, http.send("POST", calls + id + "/answer", "text/plain", "{}").statusCode());
        assertEquals(400, http.postJson(calls + id + "/keys", "{\"key\":\"x\"}").statusCode());
        assertEquals(400, http.postJson(calls + id + "/keys", "{\"key\":\"12\"}").statusCode());
        assertEquals(400, http.postJson(calls + id + "/dial", "{\"outcome\":\"maybe\"}").statusCode());
        assertEquals(400, http.postJson(calls + id + "/answer", "[1]").statusCode());
        assertEquals(413, http.postJson(calls + id + "/answer", "{\"x\":\"" + "y".repeat(5000) + "\"}")
                .statusCode());
        assertEquals(404, http.postJson(calls + id + "/explode", "{}").statusCode());
        assertEquals(404, http.postJson(calls + "0".repeat(32) + "/answer", "{}").statusCode());
        assertEquals(404, http.get(calls + "../../health").statusCode());
        assertEquals(404, http.get("/simulator/calls/not-an-id").statusCode());
        assertEquals(404, http.get(calls + "0".repeat(32)).statusCode());
        assertEquals("ringing", json(http.get(calls + id)).get("state").asText());
        assertTrue(proxy.seen().isEmpty());
    }

    @Test
    void onlySignedInOperatorsReachTheSimulatorAndFormsNeedTheirToken() {
        Http anonymous = new Http(ivr.baseUrl());
        String id = json(http.postJson("/simulator/api/calls", "{\"to\":\"+14155550123\"}")).get("callId").asText();
        assertEquals(401, anonymous.get("/simulator/calls/" + id).statusCode());
        assertEquals(401, anonymous.get("/simulator/api/calls/" + id).statusCode());
        assertEquals(401, anonymous.postJson("/simulator/api/calls/" + id + "/answer", "{}").statusCode());
        assertEquals(401, anonymous.postJson("/make-call", "{\"to\":\"+14155550123\"}").statusCode());
        Http auditor = new Http(ivr.baseUrl(), EmbeddedIvr.AUDITOR, EmbeddedIvr.AUDITOR_PASSWORD);
        assertEquals(403, auditor.signInResponse().statusCode(), "an account without the operator role");
        assertEquals(401, auditor.postJson("/simulator/api/calls", "{\"to\":\"+14155550123\"}").statusCode());

        http.get("/");
        assertEquals(403, http.postForm("/make-call", Map.of("to", "+14155550123")).statusCode());
        assertEquals(403, http.postForm("/simulator/calls", Map.of("to", "+14155550123", "csrf", "forged"))
                .statusCode());
        assertEquals("ringing", json(http.get("/simulator/api/calls/" + id)).get("state").asText());
        assertTrue(proxy.seen().isEmpty());
    }

    @Test
    void aMisconfiguredPublicUrlEndsTheCallWithAClearError() {
        int port = EmbeddedIvr.freePort();
        // Not "/ivr": two embedded Tomcats in one JVM must not share a context name (their JNDI contexts collide).
        try (EmbeddedIvr wrong = EmbeddedIvr.start(port, "/demo", Map.of(
                "ivr.public-url", "http://127.0.0.1:" + port + "/not-the-ivr"))) {
            Http client = Http.operator(wrong);
            String id = json(client.postJson("/make-call", "{\"to\":\"+14155550123\"}")).get("callId").asText();
            JsonNode call = json(client.postJson("/simulator/api/calls/" + id + "/answer", "{}"));
            assertEquals("ended", call.get("state").asText());
            String error = "";
            for (JsonNode e : call.get("events")) {
                if (e.get("kind").asText().equals("error")) {
                    error = e.get("text").asText();
                }
            }
            assertTrue(error.startsWith("The answer URL http://127.0.0.1:" + port + "/not-the-ivr/ivr/welcome?call="
                    + id + " answered HTTP 404"), error);
            assertTrue(call.get("endReason").asText().startsWith("Ended by an error"));
        }
    }

    @Test
    void withRealCredentialsTheFormStillOffersASimulatedCall() throws IOException {
        int port = EmbeddedIvr.freePort();
        try (FakePlivoApi realPlivo = new FakePlivoApi();
                EmbeddedIvr real = EmbeddedIvr.start(port, "", Map.of(
                        "plivo.auth-id", FakePlivoApi.AUTH_ID,
                        "plivo.auth-token", FakePlivoApi.AUTH_TOKEN,
                        "plivo.phone-number", "+14155550100",
                        "plivo.api-url", realPlivo.baseUrl(),
                        "ivr.public-url", "http://127.0.0.1:" + port))) {
            Http client = Http.operator(real);
            String form = client.get("/").body();
            assertTrue(form.contains("id=\"simulate-button\""), form);
            assertTrue(form.contains("formaction=\"/simulator/calls\""), form);
            assertFalse(form.contains("id=\"simulation-mode\""));

            HttpResponse<String> simulated = client.postForm("/simulator/calls", Map.of("to", "+14155550123",
                    "csrf", FormPage.csrfToken(form)));
            assertEquals(303, simulated.statusCode());
            String id = simulated.headers().firstValue("Location").orElseThrow().replace("/simulator/calls/", "");
            JsonNode call = json(client.postJson("/simulator/api/calls/" + id + "/answer", "{}"));
            assertEquals(List.of("For English, press 1.", "Para español, oprima 2."), heard(call));
            assertTrue(realPlivo.received().isEmpty(), "a simulated call never reaches Plivo");

            HttpResponse<String> realCall = client.postJson("/make-call", "{\"to\":\"+14155550123\"}");
            assertEquals(201, realCall.statusCode());
            assertFalse(json(realCall).get("simulated").asBoolean());
            assertNull(json(realCall).get("phoneUrl"), "a real call has no phone page");
            assertEquals(1, realPlivo.received().size());
        }
    }

    @Test
    void simulatedCallsPassTheSameDoorAsRealOnes() throws IOException {
        int port = EmbeddedIvr.freePort();
        try (EmbeddedIvr limited = EmbeddedIvr.start(port, "/door", Map.of(
                "ivr.public-url", "http://127.0.0.1:" + port + "/door",
                "ivr.max-calls-per-minute", "3"))) {
            Http client = Http.operator(limited);
            HttpResponse<String> premium = client.postJson("/make-call", "{\"to\":\"+1 900 234 5678\"}");
            assertEquals(400, premium.statusCode(), premium.body());
            assertTrue(json(premium).get("error").asText().contains("premium-rate"), premium.body());
            HttpResponse<String> bad = client.postJson("/simulator/api/calls", "{\"to\":\"4155550123\"}");
            assertEquals(400, bad.statusCode(), bad.body());
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> placed = client.postJson(i % 2 == 0 ? "/make-call" : "/simulator/api/calls",
                        "{\"to\":\"+14155550123\"}");
                assertEquals(201, placed.statusCode(), placed.body());
                assertTrue(json(placed).get("simulated").asBoolean());
            }
            HttpResponse<String> fourth = client.postJson("/make-call", "{\"to\":\"+14155550123\"}");
            assertEquals(429, fourth.statusCode(), fourth.body());
            assertTrue(fourth.headers().firstValue("Retry-After").isPresent());
            assertTrue(json(fourth).get("error").asText().contains("ivr.max-calls-per-minute"), fourth.body());
        }
    }

    @Test
    void aJsonBodyWithoutItsContentTypeGetsA415ThatSaysHow() throws IOException {
        HttpResponse<String> response = http.postForm("/make-call", Map.of("{\"to\":\"+14155550123\"}", ""));
        assertEquals(415, response.statusCode(), response.body());
        assertTrue(json(response).get("error").asText().contains("Content-Type: application/json"), response.body());
        HttpResponse<String> plain = http.send("POST", "/make-call", "text/plain", "{\"to\":\"+14155550123\"}");
        assertEquals(415, plain.statusCode(), plain.body());
        assertTrue(proxy.seen().isEmpty(), "no call was placed");
    }
}
