package com.inspireworks.ivr.web.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.inspireworks.ivr.support.CallWalker;
import com.inspireworks.ivr.support.EmbeddedIvr;
import com.inspireworks.ivr.support.FakePlivoApi;
import com.inspireworks.ivr.support.FormPage;
import com.inspireworks.ivr.support.Http;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The journal's operator pages, JSON API, CSV export and live stream in the built WAR, over real HTTP: real calls
 * placed through {@code POST /make-call} (against a fake Plivo API), their webhooks signed and walked the way Plivo
 * walks them, then read back everywhere the operator reads them.
 */
class CallJournalIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> CALL_FIELDS = List.of("id", "to", "from", "requestUuid", "callUuid", "state",
            "language", "option", "dialStatus", "hangupCause", "durationSeconds", "requestedAt", "endedAt",
            "simulated");
    static final Duration PATIENCE = Duration.ofSeconds(15);

    static FakePlivoApi plivo;
    static EmbeddedIvr ivr;
    static String base;
    static Http http;
    static int numbers;

    @BeforeAll
    static void start() throws IOException {
        plivo = new FakePlivoApi();
        int port = EmbeddedIvr.freePort();
        base = "http://127.0.0.1:" + port;
        ivr = EmbeddedIvr.start(port, "", plivo.settings(Map.of(
                "ivr.public-url", base,
                "ivr.max-calls-per-minute", "1000",
                "ivr.max-calls-per-hour", "1000")));
        http = Http.operator(ivr);
    }

    @AfterAll
    static void stop() {
        ivr.close();
        plivo.close();
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        assertEquals("application/json;charset=UTF-8", response.headers().firstValue("Content-Type").orElse(""),
                response.body());
        return JSON.readTree(response.body());
    }

    /** A number no other test of this class calls: +1 415 555 01xx. */
    static synchronized String freshNumber() {
        numbers++;
        return String.format("+141555501%02d", numbers);
    }

    /** A real call placed from the JSON API; its create-call answer. */
    static JsonNode place(String number) throws IOException {
        HttpResponse<String> placed = http.postJson("/make-call", "{\"to\":\"" + number + "\"}");
        assertEquals(201, placed.statusCode(), placed.body());
        return json(placed);
    }

    /** Plivo's webhooks of that call, with a CallUUID of its own. */
    static CallWalker walker(JsonNode placed) {
        return new CallWalker(new Http(base), base, base, FakePlivoApi.AUTH_TOKEN)
                .placed(UUID.randomUUID().toString(), placed.get("requestUuid").asText());
    }

    static String answerUrl(String callId) {
        return base + "/ivr/welcome?call=" + callId;
    }

    static String hangupUrl(String callId) {
        return base + "/ivr/hangup?call=" + callId;
    }

    /** The call's JSON once {@code ready} holds (steps are written behind the webhooks). */
    static JsonNode awaitCall(String id, Predicate<JsonNode> ready) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode call;
        do {
            HttpResponse<String> response = http.get("/api/calls/" + id);
            assertEquals(200, response.statusCode(), response.body());
            call = json(response);
            if (ready.test(call)) {
                return call;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the call never got there: " + call);
    }

    static List<String> types(JsonNode call) {
        List<String> types = new ArrayList<>();
        call.get("events").forEach(event -> types.add(event.get("type").asText()));
        return types;
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aRealCallIsWhereItsCreateCallAnswerSays() throws Exception {
        JsonNode placed = place(freshNumber());
        String id = placed.get("callId").asText();
        HttpResponse<String> again = http.postJson("/make-call", "{\"to\":\"" + freshNumber() + "\"}");
        assertEquals(base + "/api/calls/" + json(again).get("callId").asText(),
                again.headers().firstValue("Location").orElse(""));
        assertEquals(base + "/api/calls/" + id, placed.get("callUrl").asText());

        JsonNode call = awaitCall(id, c -> c.get("state").asText().equals("ringing"));
        List<String> expected = new ArrayList<>(CALL_FIELDS);
        expected.add("events");
        assertEquals(expected, fieldNames(call));
        assertEquals(id, call.get("id").asText());
        assertEquals(placed.get("to").asText(), call.get("to").asText());
        assertEquals("+14155550100", call.get("from").asText());
        assertEquals(placed.get("requestUuid").asText(), call.get("requestUuid").asText());
        assertFalse(call.get("simulated").asBoolean());
        assertTrue(call.get("endedAt").isNull());
        assertEquals(List.of("requested", "placed"), types(call));
        Instant.parse(call.get("requestedAt").asText());
    }

    @Test
    void theCallFormLinksToTheJournalAndToTheCallJustPlaced() throws Exception {
        String form = http.get("/").body();
        assertTrue(form.contains("href=\"/calls\""), "a link to the calls");
        assertTrue(form.contains("href=\"/calls/live\""), "a link to the live view");
        String number = freshNumber();
        HttpResponse<String> posted = http.postForm("/make-call", Map.of("to", number, "csrf",
                FormPage.csrfToken(form)));
        assertEquals(303, posted.statusCode(), posted.body());
        Matcher link = Pattern.compile("id=\"call-link\" href=\"/calls/([0-9a-f-]{36})\"").matcher(
                http.get("/").body());
        assertTrue(link.find(), "the form links to the call it placed");
        JsonNode call = json(http.get("/api/calls/" + link.group(1)));
        assertEquals(number, call.get("to").asText());
        assertEquals(200, http.get("/calls/" + link.group(1)).statusCode());
    }

    @Test
    void theCallersPathIsStoredAndToldInWords() throws Exception {
        JsonNode placed = place(freshNumber());
        String id = placed.get("callId").asText();
        CallWalker plivoSide = walker(placed);
        plivoSide.answer(answerUrl(id));
        plivoSide.press("2");
        plivoSide.press("2");
        plivoSide.dialEnds("busy");
        assertEquals(200, plivoSide.hangup(hangupUrl(id), Map.of("CallStatus", "completed",
                "HangupCause", "NORMAL_CLEARING", "Duration", "67", "BillDuration", "67", "HangupSource", "Callee")));

        JsonNode call = awaitCall(id, c -> types(c).contains("dial-ended") && c.get("state").asText()
                .equals("completed"));
        assertEquals(List.of("requested", "placed", "answered", "language", "menu", "option", "dial", "dial-ended",
                "hangup"), types(call));
        assertEquals("es", call.get("language").asText());
        assertEquals("associate", call.get("option").asText());
        assertEquals("busy", call.get("dialStatus").asText());
        assertEquals("NORMAL_CLEARING", call.get("hangupCause").asText());
        assertEquals(67, call.get("durationSeconds").asInt());
        assertFalse(call.get("endedAt").isNull());
        JsonNode language = call.get("events").get(3);
        assertEquals(List.of("id", "callId", "at", "type", "language", "detail", "attempt", "parameters"),
                fieldNames(language));
        assertEquals("es", language.get("language").asText());
        assertEquals(1, language.get("attempt").asInt());

        HttpResponse<String> page = http.get("/calls/" + id);
        assertEquals(200, page.statusCode());
        Matcher path = Pattern.compile("data-text=\"([^\"]*)\"").matcher(page.body());
        assertTrue(path.find(), page.body());
        assertTrue(path.group(1).matches("answered \\d\\d:\\d\\d:\\d\\d · chose Español · pressed 2 · associate busy"
                + " · heard the menu again · hung up \\d\\d:\\d\\d:\\d\\d, NORMAL_CLEARING, 67 s"), path.group(1));
        assertTrue(page.body().contains("<span id=\"call-to\">" + placed.get("to").asText() + "</span>"));
        assertEquals(List.of("answered", "chose Español", "pressed 2", "associate busy", "heard the menu again",
                "hung up"), pathWords(page.body()));
    }

    /** The words of each step of {@code #call-path}, without times and what follows them. */
    static List<String> pathWords(String html) {
        String list = html.substring(html.indexOf("id=\"call-path\""), html.indexOf("</ol>", html.indexOf(
                "id=\"call-path\"")));
        List<String> words = new ArrayList<>();
        Matcher item = Pattern.compile("<li>([^<]*)").matcher(list);
        while (item.find()) {
            words.add(item.group(1).replace("&#32;", " ").strip());
        }
        return words;
    }

    @Test
    void searchesFilterAndPageNewestFirst() throws Exception {
        String number = freshNumber();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(place(number).get("callId").asText());
        }
        String other = place(freshNumber()).get("callId").asText();
        String filter = "to=" + number.replace("+", "%2B");

        JsonNode all = json(http.get("/api/calls?" + filter));
        assertEquals(List.of("calls", "next"), fieldNames(all));
        List<String> found = new ArrayList<>();
        all.get("calls").forEach(call -> found.add(call.get("id").asText()));
        assertEquals(List.of(ids.get(2), ids.get(1), ids.get(0)), found, "newest first, only that number");
        assertTrue(all.get("next").isNull());
        assertEquals(CALL_FIELDS, fieldNames(all.get("calls").get(0)));

        JsonNode first = json(http.get("/api/calls?" + filter + "&limit=2"));
        assertEquals(2, first.get("calls").size());
        String next = first.get("next").asText();
        JsonNode second = json(http.get("/api/calls?" + filter + "&limit=2&after="
                + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(1, second.get("calls").size());
        assertEquals(ids.get(0), second.get("calls").get(0).get("id").asText());

        JsonNode national = json(http.get("/api/calls?to=%2B1%20(415)%20555-" + number.substring(8)));
        assertEquals(3, national.get("calls").size(), "any notation of the number");

        assertEquals(0, json(http.get("/api/calls?" + filter + "&state=completed")).get("calls").size());
        assertEquals(0, json(http.get("/api/calls?" + filter + "&since=2999-01-01")).get("calls").size());
        assertEquals(3, json(http.get("/api/calls?" + filter + "&since=2000-01-01&until=2999-12-31&limit=10"))
                .get("calls").size());
        JsonNode page = json(http.get("/api/calls?limit=500"));
        List<String> everything = new ArrayList<>();
        page.get("calls").forEach(call -> everything.add(call.get("id").asText()));
        assertTrue(everything.contains(other));

        HttpResponse<String> html = http.get("/calls?" + filter + "&limit=2");
        assertEquals(200, html.statusCode());
        assertTrue(html.body().contains("href=\"/calls/" + ids.get(2) + "\""), "each row opens its call");
        assertFalse(html.body().contains("href=\"/calls/" + ids.get(0) + "\""), "on the next page");
        Matcher older = Pattern.compile("id=\"next-page\" href=\"([^\"]*)\"").matcher(html.body());
        assertTrue(older.find(), "a link to older calls");
        HttpResponse<String> olderPage = http.get(older.group(1).replace("&amp;", "&"));
        assertEquals(200, olderPage.statusCode());
        assertTrue(olderPage.body().contains("href=\"/calls/" + ids.get(0) + "\""));
        assertTrue(olderPage.body().contains("id=\"newest-page\""));
    }

    @Test
    void theListShowsTheFunnelAsSvgUnderTheContentSecurityPolicy() {
        HttpResponse<String> page = http.get("/calls");
        assertEquals(200, page.statusCode());
        String html = page.body();
        assertTrue(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"funnel\""), html);
        assertTrue(html.contains("Associate connected"), html);
        assertFalse(html.contains("style="), "no inline style: the CSP forbids it");
        assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(html).find(), "no inline script");
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        assertTrue(html.contains("href=\"/calls/export.csv\""));
    }

    @Test
    void theCsvTakesTheSameFiltersAndDefusesFormulas() throws Exception {
        String number = freshNumber();
        String id = place(number).get("callId").asText();
        HttpResponse<String> csv = http.get("/calls/export.csv?to=" + number.replace("+", "%2B"));
        assertEquals(200, csv.statusCode(), csv.body());
        assertEquals("text/csv;charset=UTF-8", csv.headers().firstValue("Content-Type").orElse(""));
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment; filename="));
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.body())).getRecords();
        assertEquals(1, rows.size());
        assertEquals(id, rows.get(0).get("id"));
        assertEquals(number, rows.get(0).get("to"));
        assertEquals(EmbeddedIvr.OPERATOR, rows.get(0).get("requestedBy"));
    }

    @Test
    void badParametersAre400WithAMessageThatNamesThem() throws Exception {
        assertEquals("to: Include the country code, starting with + (for example +14155550123).",
                error(http.get("/api/calls?to=4155550123"), 400));
        assertEquals("limit: '0' is not a whole number from 1 to 500.", error(http.get("/api/calls?limit=0"), 400));
        assertTrue(error(http.get("/api/calls?since=yesterday"), 400).startsWith("since: 'yesterday' is not a date"));
        assertTrue(error(http.get("/api/calls?state=lost"), 400).startsWith("state: 'lost' is not a call state"));
        assertTrue(error(http.get("/api/calls?after=forged"), 400).startsWith("after: "));
        assertTrue(error(http.get("/calls/export.csv?outcome=great"), 400).startsWith("outcome: 'great'"));
        assertEquals("after must be the id of a step (a whole number), as the stream sent it.",
                error(http.get("/api/calls/events?after=x"), 400));
        HttpResponse<String> page = http.get("/calls?to=12");
        assertEquals(400, page.statusCode());
        assertTrue(page.body().contains("id=\"problem\" role=\"alert\">to: Include the country code"), page.body());
        assertTrue(page.body().contains("value=\"12\""), "what was typed is shown again");
        HttpResponse<String> hostile = http.get("/calls?to=%3Cscript%3Ealert(1)%3C/script%3E");
        assertEquals(400, hostile.statusCode());
        assertFalse(hostile.body().contains("<script>alert"), "escaped");
    }

    static String error(HttpResponse<String> response, int status) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        return json(response).get("error").asText();
    }

    @Test
    void unknownCallsAre404() throws Exception {
        String unknown = UUID.randomUUID().toString();
        assertTrue(error(http.get("/api/calls/" + unknown), 404).startsWith("The journal has no call " + unknown));
        error(http.get("/api/calls/not-a-call"), 404);
        error(http.get("/api/calls/" + unknown + "/events"), 404);
        HttpResponse<String> page = http.get("/calls/" + unknown);
        assertEquals(404, page.statusCode());
        assertTrue(page.body().contains("The journal has no call with this id."));
        assertEquals(404, http.get("/calls/%3Cb%3E").statusCode());
    }

    @Test
    void everythingNeedsAnOperator() {
        Http anonymous = new Http(ivr.baseUrl());
        Http auditor = new Http(ivr.baseUrl(), EmbeddedIvr.AUDITOR, EmbeddedIvr.AUDITOR_PASSWORD);
        assertEquals(403, auditor.signInResponse().statusCode(), "signed in, but not an operator: no session");
        for (String path : List.of("/calls", "/calls/live", "/calls/export.csv", "/api/calls", "/api/calls/events",
                "/calls/" + UUID.randomUUID())) {
            assertEquals(401, anonymous.get(path).statusCode(), path);
            assertEquals(401, auditor.get(path).statusCode(), path);
        }
    }

    @Test
    void theLiveStreamSendsEachStepWithItsCallAndResumesAfterLastEventId() throws Exception {
        String live = "/api/calls/events";
        JsonNode placed;
        String firstId;
        long latencyMillis;
        try (EventStreamClient stream = EventStreamClient.open(http, live, Map.of())) {
            assertEquals(200, stream.status());
            assertEquals("text/event-stream;charset=UTF-8",
                    stream.response.headers().firstValue("Content-Type").orElse(""));
            assertEquals("no", stream.response.headers().firstValue("X-Accel-Buffering").orElse(""));
            assertEquals("no-store", stream.response.headers().firstValue("Cache-Control").orElse(""));
            assertEquals("3000", stream.next(PATIENCE).retry());

            long sent = System.nanoTime();
            placed = place(freshNumber());
            EventStreamClient.Frame requested = stream.nextStep(PATIENCE);
            latencyMillis = (System.nanoTime() - sent) / 1_000_000;
            assertNotNull(requested, "the new call's first step");
            JsonNode data = JSON.readTree(requested.data());
            assertEquals("requested", data.get("step").get("type").asText());
            assertEquals(requested.id(), data.get("step").get("id").asText());
            assertEquals(placed.get("callId").asText(), data.get("call").get("id").asText());
            assertEquals(placed.get("to").asText(), data.get("call").get("to").asText());
            firstId = requested.id();

            CallWalker plivoSide = walker(placed);
            plivoSide.answer(answerUrl(placed.get("callId").asText()));
            plivoSide.press("1");
            List<String> words = new ArrayList<>();
            while (!words.contains("chose English")) {
                EventStreamClient.Frame frame = stream.nextStep(PATIENCE);
                assertNotNull(frame, "steps so far: " + words);
                JsonNode step = JSON.readTree(frame.data()).get("step");
                if (step.get("callId").asText().equals(placed.get("callId").asText())) {
                    words.add(step.get("words").asText());
                }
            }
            assertEquals(List.of("ringing", "answered", "chose English"), words);
        }
        System.out.println("Live view: first step of a new call reached the stream " + latencyMillis
                + " ms after POST /make-call was sent");

        // A browser that reconnects sends the last id it saw: it gets what followed, from the journal.
        try (EventStreamClient resumed = EventStreamClient.open(http, live, Map.of("Last-Event-ID", firstId))) {
            List<String> types = new ArrayList<>();
            while (types.size() < 4) {
                EventStreamClient.Frame frame = resumed.nextStep(PATIENCE);
                assertNotNull(frame, "resumed so far: " + types);
                JsonNode step = JSON.readTree(frame.data()).get("step");
                if (step.get("callId").asText().equals(placed.get("callId").asText())) {
                    types.add(step.get("type").asText());
                }
            }
            assertEquals(List.of("placed", "answered", "language", "menu"), types);
        }
    }

    /** Tomcat ends an asynchronous request after 30 s unless the servlet sets its own timeout: this one outlives it. */
    @Test
    void aQuietStreamGetsAHeartbeatAndOutlivesTheContainersDefaultTimeout() throws Exception {
        try (EventStreamClient stream = EventStreamClient.open(http, "/api/calls/events", Map.of())) {
            assertEquals(200, stream.status());
            long start = System.nanoTime();
            List<String> comments = new ArrayList<>();
            while (System.nanoTime() - start < Duration.ofSeconds(33).toNanos()) {
                EventStreamClient.Frame frame = stream.next(Duration.ofSeconds(1));
                if (frame != null && frame.comment() != null) {
                    comments.add(frame.comment());
                }
                assertFalse(stream.ended(Duration.ZERO), "the stream ended after "
                        + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
            }
            assertTrue(comments.contains("heartbeat"), "comments: " + comments);
        }
    }

    @Test
    void oneStreamTooManyIsRefusedWithTheReason() throws Exception {
        List<EventStreamClient> open = new ArrayList<>();
        try {
            int max = 50; // web.xml: max-streams
            for (int i = 0; i < max; i++) {
                EventStreamClient stream = EventStreamClient.open(http, "/api/calls/events", Map.of());
                open.add(stream);
                if (stream.status() != 200) {
                    break;
                }
            }
            assertEquals(max, open.stream().filter(s -> s.status() == 200).count(),
                    "every stream up to the limit is served");
            HttpResponse<String> refused = http.get("/api/calls/events");
            assertEquals("The live view is open 50 times already, the most this server allows: close a live view in"
                    + " another tab or window, or try again later.", error(refused, 503));
            assertEquals("30", refused.headers().firstValue("Retry-After").orElse(""));
        } finally {
            open.forEach(EventStreamClient::close);
        }
        // No container tells a servlet that an idle client went away: the next heartbeat that cannot be written
        // does (the first write after a close may still succeed), so a closed tab holds its place for up to two
        // heartbeats (2 x 20 s).
        long closed = System.nanoTime();
        long deadline = closed + Duration.ofSeconds(60).toNanos();
        int status;
        do {
            Thread.sleep(500);
            try (EventStreamClient again = EventStreamClient.open(http, "/api/calls/events", Map.of())) {
                status = again.status();
            }
        } while (status != 200 && System.nanoTime() < deadline);
        assertEquals(200, status, "closed streams give their places back");
        System.out.println("Live view: 50 closed streams gave their places back within "
                + Duration.ofNanos(System.nanoTime() - closed).toSeconds() + " s (heartbeat 20 s)");
    }

    @Test
    void theLivePageStartsWhereTheStreamContinues() throws Exception {
        JsonNode placed = place(freshNumber());
        String id = placed.get("callId").asText();
        awaitCall(id, c -> c.get("state").asText().equals("ringing"));
        HttpResponse<String> page = http.get("/calls/live");
        assertEquals(200, page.statusCode());
        String html = page.body();
        assertTrue(html.contains("data-call-id=\"" + id + "\""), "the ringing call is listed");
        assertTrue(Pattern.compile("data-after=\"\\d+\"").matcher(html).find());
        assertTrue(html.contains("/static/live-calls.js"));
        assertFalse(html.contains("style="));
    }

    @Test
    void undeployingStopsTheLiveFeedAndEndsItsStreams() throws Exception {
        long before = feedThreads();
        EmbeddedIvr other = EmbeddedIvr.start(0, "", Map.of());
        EventStreamClient stream;
        try {
            stream = EventStreamClient.open(Http.operator(other), "/api/calls/events", Map.of());
            assertEquals(200, stream.status());
            assertEquals("3000", stream.next(PATIENCE).retry());
            assertEquals(before + 1, feedThreads());
        } finally {
            other.close();
        }
        assertTrue(stream.ended(PATIENCE), "the open stream ends with the application");
        stream.close();
        assertEquals(before, feedThreads(), "the feed's thread ended with its application");
    }

    static long feedThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(LiveCallFeed.THREAD) && thread.isAlive()).count();
    }
}
