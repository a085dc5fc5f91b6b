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
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
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
 *
 * <p>The simulator works in real time on its own threads: an action answers 202 at once, and {@link #settle} polls
 * the call until every queued action was played out. Where a real call would wait (a prompt, a recording, the
 * ringing), the tests fast-forward.
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

    /** Places a call through {@code POST /make-call}, answers it and waits until the IVR listens. */
    String answeredCall() {
        HttpResponse<String> placed = http.postJson("/make-call", "{\"to\":\"+1 415 555 0123\"}");
        assertEquals(201, placed.statusCode(), placed.body());
        String id = json(placed).get("callId").asText();
        JsonNode call = act(id, "answer", "{}");
        assertEquals("in-progress", call.get("state").asText(), () -> call.get("events").toPrettyString());
        assertEquals("keys", call.get("awaiting").asText());
        return id;
    }

    /**
     * What the proxy saw of one call. Calls of earlier tests go on in the background on the shared server (a phone
     * nobody answered rings out after a minute), so a test looks at its own call's requests only.
     */
    static List<SignatureCheckingProxy.Seen> seen(JsonNode call) {
        List<String> uuid = List.of(call.get("callUuid").asText());
        return proxy.seen().stream().filter(request -> uuid.equals(request.parameters().get("CallUUID"))).toList();
    }

    /** Queues an action (202 at once) and returns the call once it was played out. */
    JsonNode act(String id, String action, String body) {
        HttpResponse<String> response = http.postJson("/simulator/api/calls/" + id + "/" + action, body);
        assertEquals(202, response.statusCode(), response.body());
        return settle(id);
    }

    JsonNode press(String id, char key) {
        return act(id, "keys", "{\"key\":\"" + key + "\"}");
    }

    /** The call once no action of ours is waiting any more. */
    JsonNode settle(String id) {
        return until(http, id, call -> call.get("pending").asInt() == 0, "the queued actions are played out");
    }

    /** Polls the call until {@code condition} holds; fails after 20 s. */
    static JsonNode until(Http client, String id, Predicate<JsonNode> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode call;
        do {
            HttpResponse<String> response = client.get("/simulator/api/calls/" + id);
            assertEquals(200, response.statusCode(), response.body());
            call = json(response);
            if (condition.test(call)) {
                return call;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Waited in vain until " + what + ": " + call.toPrettyString());
    }

    /** Fast-forwards until the call has ended. */
    JsonNode hearToTheEnd(String id) {
        JsonNode call = settle(id);
        for (int i = 0; i < 20 && !call.get("state").asText().equals("ended"); i++) {
            HttpResponse<String> response = http.postJson("/simulator/api/calls/" + id + "/fast-forward", "{}");
            assertTrue(response.statusCode() == 202 || response.statusCode() == 409, response.body());
            call = settle(id);
        }
        assertEquals("ended", call.get("state").asText(), call.toPrettyString());
        return call;
    }

    /** Fast-forwards until the IVR has said everything and waits for a key, or rings the associate. */
    JsonNode hearAll(String id) {
        JsonNode call = settle(id);
        for (int i = 0; i < 20; i++) {
            JsonNode countdown = call.get("countdown");
            boolean waits = countdown.isNull() || countdown.get("what").asText().startsWith("The IVR waits")
                    || call.get("awaiting").asText().equals("dial-outcome");
            if (waits) {
                return call;
            }
            call = act(id, "fast-forward", "{}");
        }
        throw new AssertionError("The IVR keeps talking: " + call.toPrettyString());
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
        assertTrue(seen(ringing).isEmpty(), "nothing is fetched before the call is answered");
        assertEquals(200, http.get("/simulator/calls/" + id).statusCode());
        assertTrue(plivo.received().isEmpty());
    }

    @Test
    void englishCallerHearsTheRecordedMessageOverSignedRequests() {
        String id = answeredCall();
        press(id, '1');
        JsonNode playing = press(id, '1');
        assertEquals("in-progress", playing.get("state").asText(), "the recorded message plays before the call ends");
        List<String> played = new ArrayList<>();
        playing.get("events").forEach(e -> {
            if (e.get("kind").asText().equals("play")) {
                played.add(e.get("url").asText());
            }
        });
        assertEquals(List.of(AUDIO_EN), played);
        assertTrue(playing.get("countdown").get("what").asText().startsWith("Playing the recording"),
                playing.toPrettyString());
        JsonNode call = hearToTheEnd(id);
        assertEquals("Thank you for calling InspireWorks. Goodbye.", last(heard(call)));

        List<SignatureCheckingProxy.Seen> requests = seen(call);
        List<String> paths = requests.stream().map(SignatureCheckingProxy.Seen::path).toList();
        assertEquals(List.of("/ivr/ivr/welcome", "/ivr/ivr/language-handler", "/ivr/ivr/main-menu/en",
                "/ivr/ivr/menu-handler/en", "/ivr/ivr/hangup"), paths);
        Set<String> nonces = new HashSet<>();
        for (SignatureCheckingProxy.Seen request : requests) {
            assertTrue(request.signatureValid(), () -> "bad signature on " + request);
            nonces.add(request.nonce());
        }
        assertEquals(paths.size(), nonces.size(), "a fresh nonce per request");
        SignatureCheckingProxy.Seen answer = requests.get(0);
        assertEquals(List.of("+14155550123"), answer.parameters().get("To"));
        assertEquals(List.of("StartApp"), answer.parameters().get("Event"));
        assertEquals(List.of("Redirect"), requests.get(2).parameters().get("Event"), "the Redirect to level 2");
        assertEquals(List.of(call.get("callUuid").asText()), answer.parameters().get("CallUUID"));
        assertTrue(plivo.received().isEmpty());
    }

    @Test
    void spanishCallerIsPutThroughToTheAssociate() {
        String id = answeredCall();
        press(id, '2');
        press(id, '2');
        JsonNode ringing = hearAll(id);
        assertEquals("dial-outcome", ringing.get("awaiting").asText());
        assertEquals("+14155550199", ringing.get("dialNumbers").get(0).asText());
        assertEquals("Por favor espere mientras le comunicamos con un asociado.", last(heard(ringing)));
        JsonNode ended = act(id, "dial", "{\"outcome\":\"answered\"}");
        assertEquals("ended", ended.get("state").asText());
        SignatureCheckingProxy.Seen dialAction = seen(ended).stream()
                .filter(s -> s.path().equals("/ivr/ivr/dial-status/es")).findFirst().orElseThrow();
        assertEquals(List.of("completed"), dialAction.parameters().get("DialStatus"));
        assertEquals(List.of("true"), dialAction.parameters().get("DialRingStatus"));
        assertEquals(List.of("NORMAL_CLEARING"), dialAction.parameters().get("DialHangupCause"));
        assertEquals(List.of(ended.get("callUuid").asText()), dialAction.parameters().get("DialALegUUID"));
        assertEquals(36, dialAction.parameters().get("DialBLegUUID").get(0).length());
        assertNull(dialAction.parameters().get("DialAction"));
    }

    @Test
    void hangingUpWhileTheAssociateRingsTellsTheDialActionThenTheHangupUrl() {
        String id = answeredCall();
        press(id, '2');
        press(id, '2');
        assertEquals("dial-outcome", hearAll(id).get("awaiting").asText());
        JsonNode ended = act(id, "hangup", "{}");
        assertEquals("ended", ended.get("state").asText());
        List<SignatureCheckingProxy.Seen> requests = seen(ended);
        List<String> paths = requests.stream().map(SignatureCheckingProxy.Seen::path).toList();
        assertEquals(List.of("/ivr/ivr/dial-status/es", "/ivr/ivr/hangup"), paths.subList(paths.size() - 2,
                paths.size()));
        SignatureCheckingProxy.Seen dialAction = requests.get(paths.size() - 2);
        assertEquals(List.of("ORIGINATOR_CANCEL"), dialAction.parameters().get("DialHangupCause"));
        assertEquals(List.of("completed"), dialAction.parameters().get("CallStatus"));
        assertTrue(dialAction.signatureValid());
    }

    @Test
    void invalidInputRepeatsTheMenu() {
        String id = answeredCall();
        press(id, '7');   // during the first prompt: it counts
        JsonNode again = hearAll(id);
        List<String> heard = heard(again);
        List<String> afterTheKey = heard.subList(heard.indexOf("Sorry, that is not a valid option."), heard.size());
        assertEquals(List.of("Sorry, that is not a valid option.", "Lo sentimos, esa opción no es válida.",
                "For English, press 1.", "Para español, oprima 2."), afterTheKey);
        assertEquals("keys", again.get("awaiting").asText());
    }

    @Test
    void silenceReplaysTheMenuThenSaysGoodbyeAndTheHangupUrlHearsOfIt() {
        String id = answeredCall();
        act(id, "silence", "");
        JsonNode replay = hearAll(id);
        assertEquals("Para español, oprima 2.", last(heard(replay)));
        act(id, "silence", "{}");
        JsonNode ended = hearToTheEnd(id);
        assertEquals(List.of("We did not receive any input. Goodbye.", "No recibimos ninguna respuesta. Adiós."),
                heard(ended).subList(4, 6));
        String callUuid = ended.get("callUuid").asText();
        // Two tries of 3.6 s of prompts and 7 s of timeout, then 5.1 s of goodbye: a real call lasts 26 s, and
        // the simulated one reports it although the test skipped the waits.
        Matcher line = Pattern.compile("Call ended: CallUUID=" + callUuid + " To=\\+14155550123 CallStatus=completed"
                + " HangupCause=NORMAL_CLEARING HangupSource=Answer XML Duration=(\\d+) BillDuration=60 call=" + id)
                .matcher(log.all());
        assertTrue(line.find(), log.all());
        assertTrue(Integer.parseInt(line.group(1)) >= 26, line.group());
    }

    @Test
    void noAssociateAvailableLeadsBackToTheSpanishMenu() {
        String id = answeredCall();
        press(id, '2');
        press(id, '2');
        hearAll(id);
        act(id, "dial", "{\"outcome\":\"no-answer\"}");
        JsonNode back = hearAll(id);
        List<String> heard = heard(back);
        assertEquals(List.of("Lo sentimos, no hay ningún asociado disponible en este momento.",
                "Para escuchar un mensaje grabado, oprima 1. Para hablar con un asociado, oprima 2."),
                heard.subList(heard.size() - 2, heard.size()));
        assertEquals("in-progress", back.get("state").asText());
    }

    @Test
    void aPhoneNobodyAnswersRingsForAMinuteThenTheHangupUrlHearsNoAnswer() {
        String id = json(http.postJson("/make-call", "{\"to\":\"+14155550123\"}")).get("callId").asText();
        JsonNode ringing = json(http.get("/simulator/api/calls/" + id));
        JsonNode countdown = ringing.get("countdown");
        assertTrue(countdown.get("what").asText().contains("ring_timeout"), countdown.toString());
        assertEquals(60_000, countdown.get("totalMs").asInt());
        assertTrue(countdown.get("remainingMs").asInt() > 30_000, countdown.toString());
        JsonNode ended = act(id, "fast-forward", "{}");
        assertEquals("ended", ended.get("state").asText());
        assertEquals("Nobody answered.", ended.get("endReason").asText());
        assertTrue(log.all().contains("Call ended: CallUUID=" + ended.get("callUuid").asText()
                + " To=+14155550123 CallStatus=no-answer HangupCause=NO_ANSWER HangupSource=Plivo Duration=0"
                + " BillDuration=0 call=" + id), log.all());
        assertEquals(List.of("/ivr/ivr/hangup"), seen(ended).stream().map(SignatureCheckingProxy.Seen::path)
                .toList(), "an unanswered call never fetches the answer URL");
        HttpResponse<String> late = http.postJson("/simulator/api/calls/" + id + "/answer", "{}");
        assertEquals(409, late.statusCode());
        assertTrue(json(late).get("error").asText().startsWith("The call has ended"), late.body());
    }

    @Test
    void pollingWithSinceGetsOnlyTheNewEvents() {
        String id = answeredCall();
        JsonNode all = json(http.get("/simulator/api/calls/" + id));
        int count = all.get("events").size();
        long last = all.get("events").get(count - 1).get("seq").asLong();
        JsonNode none = json(http.get("/simulator/api/calls/" + id + "?since=" + last));
        assertEquals(0, none.get("events").size(), none.toPrettyString());
        JsonNode lastTwo = json(http.get("/simulator/api/calls/" + id + "?since=" + (last - 2)));
        assertEquals(List.of(last - 1, last), List.of(lastTwo.get("events").get(0).get("seq").asLong(),
                lastTwo.get("events").get(1).get("seq").asLong()));
        assertEquals("in-progress", none.get("state").asText(), "the state comes with every answer");
    }

    /**
     * Issue 10: 220 concurrent key presses used to hold 220 request threads, each waiting for its call's lock while
     * one of them waited for a webhook served by the same threads; the whole server stalled. Now the simulator's
     * two threads are made to hang in requests to a public URL that does not answer, and a flood of key presses
     * still gets its answers at once: the call's queue takes 8, the rest are refused with 429, and Plivo's webhooks
     * and /health are served meanwhile.
     */
    @Test
    void aFloodOfKeyPressesIsTurnedAwayAtOnceAndWebhooksStayAnswered() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger stuckRequests = new AtomicInteger();
        HttpServer stuck = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        stuck.createContext("/", exchange -> {
            try (exchange) {
                stuckRequests.incrementAndGet();
                release.await(60, TimeUnit.SECONDS);
                byte[] body = "<Response/>".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ExecutorService stuckThreads = Executors.newCachedThreadPool();
        stuck.setExecutor(stuckThreads);
        stuck.start();
        ExecutorService flood = Executors.newFixedThreadPool(64);
        int port = EmbeddedIvr.freePort();
        try (EmbeddedIvr server = EmbeddedIvr.start(port, "/flood", Map.of(
                "ivr.public-url", "http://127.0.0.1:" + stuck.getAddress().getPort() + "/flood",
                "ivr.max-calls-per-minute", "1000"))) {
            Http client = Http.operator(server);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(json(client.postJson("/make-call", "{\"to\":\"+14155550123\"}")).get("callId").asText());
            }
            // Two calls answered: both simulator threads now wait for an answer URL that does not answer.
            assertEquals(202, client.postJson("/simulator/api/calls/" + ids.get(0) + "/answer", "{}").statusCode());
            assertEquals(202, client.postJson("/simulator/api/calls/" + ids.get(1) + "/answer", "{}").statusCode());
            until(client, ids.get(0), c -> stuckRequests.get() == 2, "both simulator threads are stuck");

            String keys = "/simulator/api/calls/" + ids.get(2) + "/keys";
            List<Callable<long[]>> presses = new ArrayList<>();
            for (int i = 0; i < 220; i++) {
                presses.add(() -> {
                    long start = System.nanoTime();
                    HttpResponse<String> response = client.postJson(keys, "{\"key\":\"1\"}");
                    return new long[] {response.statusCode(), System.nanoTime() - start};
                });
            }
            long floodStart = System.nanoTime();
            List<long[]> answers = new ArrayList<>();
            for (Future<long[]> answer : flood.invokeAll(presses)) {
                answers.add(answer.get());
            }
            long floodMillis = (System.nanoTime() - floodStart) / 1_000_000;
            long accepted = answers.stream().filter(a -> a[0] == 202).count();
            // Refused at once either by the call's full queue (429) or, before it, by the operator capacity filter
            // (503: one operator may have at most half of ivr.max-concurrent-operator-requests in progress).
            long refused = answers.stream().filter(a -> a[0] == 429 || a[0] == 503).count();
            assertEquals(8, accepted, "the call's queue takes 8 actions");
            assertEquals(212, refused, "every other press is refused at once, none waits");

            HttpResponse<String> tooMany = client.postJson(keys, "{\"key\":\"1\"}");
            assertEquals(429, tooMany.statusCode());
            assertEquals("1", tooMany.headers().firstValue("Retry-After").orElse(""));
            assertTrue(json(tooMany).get("error").asText().startsWith("This call already has 8 actions waiting"),
                    tooMany.body());

            Http plivoSide = new Http(server.baseUrl());
            long webhookStart = System.nanoTime();
            HttpResponse<String> welcome = plivoSide.postForm("/ivr/welcome?call=" + ids.get(2), Map.of(
                    "CallUUID", "flood-test", "To", "+14155550123", "From", "+14155550100", "CallStatus",
                    "in-progress", "Direction", "outbound"));
            long webhookMillis = (System.nanoTime() - webhookStart) / 1_000_000;
            assertEquals(200, welcome.statusCode(), welcome.body());
            assertTrue(welcome.body().contains("<GetDigits"), welcome.body());
            assertEquals(200, plivoSide.get("/health").statusCode());
            JsonNode waiting = json(client.get("/simulator/api/calls/" + ids.get(2)));
            assertEquals(8, waiting.get("pending").asInt(), "the page still sees the call, with its queue");

            long[] latencies = answers.stream().mapToLong(a -> a[1] / 1_000_000).sorted().toArray();
            System.out.printf("Flood of 220 key presses with both simulator threads stuck: %d accepted, %d refused"
                    + " in %d ms; press latency median %d ms, max %d ms; signed-less POST /ivr/welcome during the"
                    + " flood %d ms%n", accepted, refused, floodMillis, latencies[latencies.length / 2],
                    latencies[latencies.length - 1], webhookMillis);

            release.countDown();
            until(client, ids.get(0), c -> c.get("state").asText().equals("ended"), "the stuck call goes on");
            until(client, ids.get(2), c -> c.get("pending").asInt() == 0, "the queued presses were played out");
        } finally {
            release.countDown();
            flood.shutdownNow();
            stuck.stop(0);
            stuckThreads.shutdownNow();
        }
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
        assertTrue(html.contains("<link rel=\"icon\" href=\"/ivr/static/favicon.svg\" type=\"image/svg+xml\">"), html);
        assertTrue(form.body().contains("/ivr/static/favicon.svg"), "the form links the icon too");
        HttpResponse<String> icon = new Http(ivr.baseUrl()).get("/static/favicon.svg");
        assertEquals(200, icon.statusCode(), "the icon needs no login");
        assertTrue(icon.headers().firstValue("Content-Type").orElse("").startsWith("image/svg+xml"));
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
        HttpResponse<String> maybe = http.postJson(calls + id + "/dial", "{\"outcome\":\"maybe\"}");
        assertEquals(400, maybe.statusCode());
        assertTrue(json(maybe).get("error").asText().contains("\"answered\", \"busy\", \"no-answer\", \"failed\","
                + " \"timeout\""), maybe.body());
        assertEquals(400, http.postJson(calls + id + "/audio", "{\"event\":1,\"seconds\":-3}").statusCode());
        assertEquals(400, http.postJson(calls + id + "/audio", "{\"event\":\"x\",\"seconds\":3}").statusCode());
        assertEquals(400, http.postJson(calls + id + "/audio", "{\"event\":1}").statusCode());
        assertEquals(400, http.get(calls + id + "?since=abc").statusCode());
        assertEquals(400, http.get(calls + id + "?since=-2").statusCode());
        assertEquals(400, http.postJson(calls + id + "/answer?since=x", "{}").statusCode());
        assertEquals(400, http.postJson(calls + id + "/answer", "[1]").statusCode());
        assertEquals(413, http.postJson(calls + id + "/answer", "{\"x\":\"" + "y".repeat(5000) + "\"}")
                .statusCode());
        HttpResponse<String> explode = http.postJson(calls + id + "/explode", "{}");
        assertEquals(404, explode.statusCode());
        assertTrue(json(explode).get("error").asText().contains("fast-forward"), explode.body());
        assertEquals(404, http.postJson(calls + "0".repeat(32) + "/answer", "{}").statusCode());
        assertEquals(404, http.get(calls + "../../health").statusCode());
        assertEquals(404, http.get("/simulator/calls/not-an-id").statusCode());
        assertEquals(404, http.get(calls + "0".repeat(32)).statusCode());
        JsonNode call = json(http.get(calls + id));
        assertEquals("ringing", call.get("state").asText());
        assertTrue(seen(call).isEmpty());
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
        JsonNode call = json(http.get("/simulator/api/calls/" + id));
        assertEquals("ringing", call.get("state").asText());
        assertTrue(seen(call).isEmpty());
    }

    @Test
    void aMisconfiguredPublicUrlEndsTheCallWithAClearError() {
        int port = EmbeddedIvr.freePort();
        // Not "/ivr": two embedded Tomcats in one JVM must not share a context name (their JNDI contexts collide).
        try (EmbeddedIvr wrong = EmbeddedIvr.start(port, "/demo", Map.of(
                "ivr.public-url", "http://127.0.0.1:" + port + "/not-the-ivr"))) {
            Http client = Http.operator(wrong);
            String id = json(client.postJson("/make-call", "{\"to\":\"+14155550123\"}")).get("callId").asText();
            assertEquals(202, client.postJson("/simulator/api/calls/" + id + "/answer", "{}").statusCode());
            JsonNode call = until(client, id, c -> c.get("state").asText().equals("ended"), "the call ended");
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
            assertEquals(202, client.postJson("/simulator/api/calls/" + id + "/answer", "{}").statusCode());
            JsonNode call = until(client, id, c -> c.get("pending").asInt() == 0, "the call was answered");
            assertEquals("For English, press 1.", heard(call).get(0));
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
        int callsBefore = log.all().split("Simulated call ", -1).length;
        HttpResponse<String> response = http.postForm("/make-call", Map.of("{\"to\":\"+14155550123\"}", ""));
        assertEquals(415, response.statusCode(), response.body());
        assertTrue(json(response).get("error").asText().contains("Content-Type: application/json"), response.body());
        HttpResponse<String> plain = http.send("POST", "/make-call", "text/plain", "{\"to\":\"+14155550123\"}");
        assertEquals(415, plain.statusCode(), plain.body());
        assertEquals(callsBefore, log.all().split("Simulated call ", -1).length, "no call was placed");
    }
}
