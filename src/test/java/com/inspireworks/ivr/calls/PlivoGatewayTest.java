package com.inspireworks.ivr.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.inspireworks.ivr.support.FakePlivoApi;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlivoGatewayTest {

    static FakePlivoApi plivo;
    static PlivoGateway gateway;

    static final CallRequest REQUEST = new CallRequest(
            "7d1c3a52-9f0e-4b8e-a4d2-5c6b7e8f9a01", "+14155550100", "+14155550123",
            "https://ivr.example.com/ivr/ivr/welcome", "https://ivr.example.com/ivr/ivr/hangup",
            Duration.ofSeconds(3600));

    @BeforeAll
    static void start() throws Exception {
        plivo = new FakePlivoApi();
        gateway = new PlivoGateway(FakePlivoApi.AUTH_ID, FakePlivoApi.AUTH_TOKEN, URI.create(plivo.baseUrl()),
                Duration.ofSeconds(2), Duration.ofMillis(800));
    }

    @AfterAll
    static void stop() {
        plivo.close();
    }

    @BeforeEach
    void reset() {
        plivo.reset();
    }

    @Test
    void createsTheCallInPlivosFormatAndReturnsTheRequestUuid() throws Exception {
        String uuid = gateway.placeCall(REQUEST);
        assertEquals(36, uuid.length());
        assertEquals(1, plivo.received().size());
        FakePlivoApi.Received sent = plivo.received().get(0);
        assertEquals("POST", sent.method());
        assertEquals("/v1/Account/" + FakePlivoApi.AUTH_ID + "/Call/", sent.path());
        JsonNode body = sent.body();
        assertEquals("+14155550100", body.get("from").asText());
        assertEquals("+14155550123", textOrFirst(body.get("to")));
        assertEquals("https://ivr.example.com/ivr/ivr/welcome", body.get("answer_url").asText());
        assertEquals("POST", body.get("answer_method").asText());
        assertEquals("https://ivr.example.com/ivr/ivr/hangup", body.get("hangup_url").asText());
        assertEquals(3600, body.get("time_limit").asLong());
    }

    /** plivo-java sends "to" as "+1...<+1..." text; accept either that or a JSON array. */
    private static String textOrFirst(JsonNode to) {
        return to.isArray() ? to.get(0).asText() : to.asText();
    }

    @Test
    void plivosRefusalReasonReachesTheOperator() {
        plivo.mode(FakePlivoApi.Mode.REJECT_NUMBER);
        CallFailedException e = assertThrows(CallFailedException.class, () -> gateway.placeCall(REQUEST));
        assertEquals("Plivo refused the call: invalid 'to' number", e.getMessage());
    }

    @Test
    void wrongCredentialsAreNamedWithoutShowingThem() {
        PlivoGateway wrong = new PlivoGateway("MAWRONGWRONGWRONG000", "WrongFakeToken0000", URI.create(
                plivo.baseUrl()), Duration.ofSeconds(2), Duration.ofSeconds(2));
        CallFailedException e = assertThrows(CallFailedException.class, () -> wrong.placeCall(REQUEST));
        assertTrue(e.getMessage().contains("credentials"), e.getMessage());
        assertFalse(e.getMessage().contains("WrongFakeToken0000"));
    }

    @Test
    void aServerErrorSendsExactlyOneRequest() {
        plivo.mode(FakePlivoApi.Mode.SERVER_ERROR);
        CallFailedException e = assertThrows(CallFailedException.class, () -> gateway.placeCall(REQUEST));
        assertTrue(e.getMessage().startsWith("Plivo failed with HTTP 500: internal server error"), e.getMessage());
        assertEquals(1, plivo.received().size(), "the SDK must not repeat the create-call POST");
    }

    @Test
    void aSlowPlivoIsReportedAsATimeoutThatMayHavePlacedTheCall() {
        plivo.mode(FakePlivoApi.Mode.SLOW);
        plivo.slowness(Duration.ofSeconds(6));
        // Once connected, Plivo's answer must arrive within the read timeout (500 ms here), however it trickles in.
        try (PlivoGateway impatient = new PlivoGateway(FakePlivoApi.AUTH_ID, FakePlivoApi.AUTH_TOKEN,
                URI.create(plivo.baseUrl()), Duration.ofSeconds(1), Duration.ofMillis(500))) {
            long start = System.nanoTime();
            CallFailedException e = assertThrows(CallFailedException.class, () -> impatient.placeCall(REQUEST));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getMessage().startsWith("Plivo did not answer within"), e.getMessage());
            assertTrue(e.getMessage().contains("check the Plivo console"));
            assertEquals(CallFailedException.Kind.OUTCOME_UNKNOWN, e.kind());
            assertTrue(millis >= 450 && millis < 3_000, "gave up after " + millis + " ms, expected ~500 ms");
        }
        assertEquals(1, plivo.received().size());
    }

    @Test
    void anUnreachableApiSaysSo() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PlivoGateway unreachable = new PlivoGateway(FakePlivoApi.AUTH_ID, FakePlivoApi.AUTH_TOKEN,
                URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(1), Duration.ofSeconds(1));
        CallFailedException e = assertThrows(CallFailedException.class, () -> unreachable.placeCall(REQUEST));
        assertTrue(e.getMessage().startsWith("Cannot reach the Plivo API at 127.0.0.1"), e.getMessage());
    }

    @Test
    void errorBodiesAreReducedToPlivosErrorText() {
        assertEquals("bad thing", PlivoGateway.plivoError("{\"api_id\":\"x\",\"error\":\"bad thing\"}"));
        assertEquals("plain text", PlivoGateway.plivoError("plain\ntext"));
        assertEquals("no details given", PlivoGateway.plivoError(""));
        assertEquals(203, PlivoGateway.plivoError("x".repeat(1000)).length());
    }
}
