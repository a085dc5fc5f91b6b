package com.inspireworks.ivr.web.journal;

import static com.inspireworks.ivr.web.journal.SampleCalls.T0;
import static com.inspireworks.ivr.web.journal.SampleCalls.call;
import static com.inspireworks.ivr.web.journal.SampleCalls.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.inspireworks.ivr.journal.CallDetail;
import com.inspireworks.ivr.journal.CallPage;
import com.inspireworks.ivr.journal.CallState;
import com.inspireworks.ivr.web.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallJsonTest {

    static final String ID = "6f1c2a4e-8b9d-4c3e-9f00-123456789abc";
    static final List<String> CALL_FIELDS = List.of("id", "to", "from", "requestUuid", "callUuid", "state",
            "language", "option", "dialStatus", "hangupCause", "durationSeconds", "requestedAt", "endedAt",
            "simulated");

    static JsonNode json(Object value) throws Exception {
        return Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(value));
    }

    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aPageListsCallsWithTheDocumentedFieldsAndTheNextCursor() throws Exception {
        CallPage page = new CallPage(List.of(
                call(ID).language("es").option("associate").dialStatus("busy").callUuid("cu-1")
                        .hangup("NORMAL_CLEARING", 67, T0.plusSeconds(70)).build(),
                call("b").state(CallState.RINGING).simulated().build()), Optional.of("cursor-2"));
        JsonNode json = json(CallJson.page(page));
        assertEquals(List.of("calls", "next"), names(json));
        assertEquals("cursor-2", json.get("next").asText());
        JsonNode first = json.get("calls").get(0);
        assertEquals(CALL_FIELDS, names(first));
        assertEquals(ID, first.get("id").asText());
        assertEquals("+14155550123", first.get("to").asText());
        assertEquals("+14155550100", first.get("from").asText());
        assertEquals("cu-1", first.get("callUuid").asText());
        assertEquals("completed", first.get("state").asText());
        assertEquals("es", first.get("language").asText());
        assertEquals("associate", first.get("option").asText());
        assertEquals("busy", first.get("dialStatus").asText());
        assertEquals("NORMAL_CLEARING", first.get("hangupCause").asText());
        assertEquals(67, first.get("durationSeconds").asInt());
        assertEquals("2026-11-25T10:02:00Z", first.get("requestedAt").asText());
        assertEquals("2026-11-25T10:03:10Z", first.get("endedAt").asText());
        assertEquals(false, first.get("simulated").asBoolean());
        JsonNode second = json.get("calls").get(1);
        assertEquals("ringing", second.get("state").asText());
        assertEquals(true, second.get("simulated").asBoolean());
        assertEquals(true, second.get("endedAt").isNull(), "unknown values are null, not missing");
        assertEquals(true, second.get("durationSeconds").isNull());
    }

    @Test
    void theLastPageHasANullCursor() throws Exception {
        assertEquals(true, json(CallJson.page(new CallPage(List.of(), Optional.empty()))).get("next").isNull());
    }

    @Test
    void aCallWithItsStepsAddsEvents() throws Exception {
        CallDetail detail = new CallDetail(call(ID).build(), List.of(
                event(41, ID, T0, "answered", null, null, 1, Map.of("CallUUID", "cu-1")),
                event(42, ID, T0.plusSeconds(2), "language", "es", "2", 1, Map.of())));
        JsonNode json = json(CallJson.detail(detail));
        List<String> expected = new ArrayList<>(CALL_FIELDS);
        expected.add("events");
        assertEquals(expected, names(json));
        JsonNode answered = json.get("events").get(0);
        assertEquals(List.of("id", "callId", "at", "type", "language", "detail", "attempt", "parameters"),
                names(answered));
        assertEquals(41, answered.get("id").asLong());
        assertEquals(ID, answered.get("callId").asText());
        assertEquals("2026-11-25T10:02:00Z", answered.get("at").asText());
        assertEquals("answered", answered.get("type").asText());
        assertEquals(true, answered.get("language").isNull());
        assertEquals("cu-1", answered.get("parameters").get("CallUUID").asText());
        JsonNode language = json.get("events").get(1);
        assertEquals("es", language.get("language").asText());
        assertEquals("2", language.get("detail").asText());
        assertEquals(1, language.get("attempt").asInt());
    }
}
