package com.inspireworks.ivr.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.inspireworks.ivr.support.CallWalker;
import com.inspireworks.ivr.support.EmbeddedIvr;
import com.inspireworks.ivr.support.FakePlivoApi;
import com.inspireworks.ivr.support.Http;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The built WAR in an embedded Tomcat, placing a call through a fake Plivo API and walking it the way Plivo does
 * (signed webhooks, our call id only on the answer and hangup URLs): the call and every step land in the journal.
 * Run on the embedded default ({@link JournalEmbeddedIT}) and on PostgreSQL ({@link JournalPostgresIT}).
 */
abstract class WalkedCallContract {

    static final String PUBLIC = "https://ivr.example.com/ivr";
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> TYPES = List.of("requested", "placed", "answered", "language", "menu", "option", "dial",
            "dial-ended", "option", "hangup");

    /** The app's settings for a server that calls through {@code plivo}; {@code database} names the journal's. */
    static Map<String, String> settings(FakePlivoApi plivo, Map<String, String> database) {
        Map<String, String> settings = plivo.settings(Map.of(
                "ivr.public-url", PUBLIC,
                "ivr.max-calls-per-minute", "1000"));
        settings.putAll(database);
        return settings;
    }

    /** A call placed through /make-call, as Plivo sees it. */
    record Placed(String callId, String requestUuid, String callUuid, String answerUrl, String hangupUrl) {
    }

    static Placed place(EmbeddedIvr ivr, FakePlivoApi plivo) throws IOException {
        int before = plivo.received().size();
        HttpResponse<String> response = Http.operator(ivr).postJson("/make-call", "{\"to\":\"+14155550123\"}");
        assertEquals(201, response.statusCode(), response.body());
        String requestUuid = JSON.readTree(response.body()).get("requestUuid").asText();
        JsonNode request = plivo.received().get(before).body();
        String answerUrl = request.get("answer_url").asText();
        String callId = answerUrl.substring(answerUrl.indexOf("call=") + 5);
        return new Placed(callId, requestUuid, UUID.randomUUID().toString(), answerUrl,
                request.get("hangup_url").asText());
    }

    static CallWalker walker(EmbeddedIvr ivr, Placed call) {
        return new CallWalker(new Http(ivr.baseUrl()), PUBLIC, ivr.baseUrl(), FakePlivoApi.AUTH_TOKEN)
                .placed(call.callUuid(), call.requestUuid());
    }

    /** Spanish, associate (busy), then the recorded message; Plivo reports the end. */
    static void walk(EmbeddedIvr ivr, Placed call) {
        CallWalker walker = walker(ivr, call);
        walker.answer(call.answerUrl());
        walker.press("2");
        walker.press("2");
        walker.dialEnds("busy");
        walker.press("1");
        assertEquals(200, walker.hangup(call.hangupUrl(), Map.of("CallStatus", "completed", "HangupCause",
                "NORMAL_CLEARING", "HangupSource", "Callee", "Duration", "42", "BillDuration", "42")));
    }

    static JsonNode health(EmbeddedIvr ivr) throws IOException {
        HttpResponse<String> response = new Http(ivr.baseUrl()).get("/health");
        assertEquals(200, response.statusCode());
        return JSON.readTree(response.body());
    }

    /** Reads the call back from the database the server used (after it stopped, or while it runs: PostgreSQL). */
    static void assertJournaled(JournalDatabase database, Placed call) throws Exception {
        try (Journal journal = Journal.open(database, 90, Clock.systemUTC())) {
            // The hangup is committed before Plivo gets its answer; the call's row is derived from it right after.
            CallDetail detail = journal.history().find(call.callId()).orElseThrow();
            for (int i = 0; i < 100 && detail.call().state() != CallState.COMPLETED; i++) {
                Thread.sleep(100);
                detail = journal.history().find(call.callId()).orElseThrow();
            }
            assertEquals(TYPES, detail.events().stream().map(CallEvent::type).toList());
            CallRecord record = detail.call();
            assertEquals(CallState.COMPLETED, record.state());
            assertEquals(java.util.Optional.of(CallOutcome.MESSAGE), record.outcome());
            assertEquals(java.util.Optional.of("es"), record.language());
            assertEquals(java.util.Optional.of("busy"), record.dialStatus());
            assertEquals(java.util.Optional.of(call.callUuid()), record.callUuid());
            assertEquals(java.util.Optional.of(call.requestUuid()), record.requestUuid());
            assertEquals(java.util.Optional.of(42), record.durationSeconds());
            assertEquals(EmbeddedIvr.OPERATOR, record.requestedBy());
            assertEquals("+14155550123", record.to());
            assertTrue(detail.events().stream().skip(3).allMatch(e -> call.callUuid().equals(
                    e.parameters().get("CallUUID"))), "linked by CallUUID");
        }
    }
}
