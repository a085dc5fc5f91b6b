package com.inspireworks.ivr.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.support.CallWalker;
import com.inspireworks.ivr.support.CapturedLog;
import com.inspireworks.ivr.support.EmbeddedIvr;
import com.inspireworks.ivr.support.Http;
import com.inspireworks.ivr.support.PlivoXmlDoc;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Walks the seed's scenarios and the edge cases over HTTP against the built WAR, deployed under /ivr. */
class IvrFlowIT {

    static final String PUBLIC = "https://ivr.example.com/ivr";
    static final String AUDIO_EN = "https://media.example.com/en.mp3?a=1&b=2";
    static final String AUDIO_ES = "https://media.example.com/es.mp3";
    static EmbeddedIvr ivr;
    static Http http;
    CallWalker call;

    @BeforeAll
    static void start() {
        ivr = EmbeddedIvr.start(0, "/ivr", Map.of(
                "ivr.public-url", PUBLIC,
                "plivo.phone-number", "+14155550100",
                "ivr.associate-number", "+14155550199",
                "ivr.audio-url.en", AUDIO_EN,
                "ivr.audio-url.es", AUDIO_ES));
        http = new Http(ivr.baseUrl());
    }

    @AfterAll
    static void stop() {
        ivr.close();
    }

    @BeforeEach
    void newCall() {
        call = new CallWalker(http, PUBLIC, ivr.baseUrl());
    }

    private static List<String> texts(List<Element> elements) {
        return elements.stream().map(Element::getTextContent).toList();
    }

    @Test
    void englishCallerHearsTheRecordedMessage() {
        PlivoXmlDoc welcome = call.answer();
        assertEquals(List.of("For English, press 1.", "Para español, oprima 2."),
                texts(PlivoXmlDoc.children(welcome.first("GetDigits"))));
        PlivoXmlDoc menu = call.press("1");
        assertEquals("To hear a recorded message, press 1. To talk to an associate, press 2.",
                menu.first("GetDigits").getTextContent());
        PlivoXmlDoc message = call.press("1");
        assertEquals(List.of("Play", "Speak", "Hangup"), message.tags());
        assertEquals(AUDIO_EN, message.first("Play").getTextContent());
    }

    @Test
    void spanishCallerIsForwardedToTheAssociate() {
        call.answer();
        PlivoXmlDoc menu = call.press("2");
        assertEquals("es-MX", PlivoXmlDoc.children(menu.first("GetDigits")).get(0).getAttribute("language"));
        PlivoXmlDoc forward = call.press("2");
        Element dial = forward.first("Dial");
        assertEquals("+14155550100", dial.getAttribute("callerId"));
        assertEquals("+14155550199", dial.getTextContent());
        assertEquals("Por favor espere mientras le comunicamos con un asociado.",
                forward.first("Speak").getTextContent());
        assertEquals(List.of("Hangup"), call.dialEnds("completed").tags());
    }

    @Test
    void invalidInputSaysSoAndRepeatsTheSameMenu() {
        call.answer();
        PlivoXmlDoc again = call.press("7");
        assertEquals("Sorry, that is not a valid option.", again.elements().get(0).getTextContent());
        assertTrue(again.first("GetDigits").getAttribute("action").endsWith("/ivr/language-handler?attempt=2"));
        call.press("2");
        PlivoXmlDoc spanishAgain = call.press("9");
        assertEquals("Lo sentimos, esa opción no es válida.", spanishAgain.elements().get(0).getTextContent());
        assertTrue(spanishAgain.first("GetDigits").getAttribute("action").endsWith("/ivr/menu-handler/es?attempt=2"));
        assertEquals(AUDIO_ES, call.press("1").first("Play").getTextContent());
    }

    @Test
    void silenceEndsTheCallWithNoInputReceived() {
        call.answer();
        List<Element> afterWelcome = call.silence();
        assertEquals(List.of("We did not receive any input. Goodbye.", "No recibimos ninguna respuesta. Adiós.", ""),
                texts(afterWelcome));
        assertEquals("Hangup", afterWelcome.get(afterWelcome.size() - 1).getTagName());
        newCall();
        call.answer();
        call.press("1");
        List<Element> afterMenu = call.silence();
        assertEquals("We did not receive any input. Goodbye.", afterMenu.get(0).getTextContent());
        assertEquals("Hangup", afterMenu.get(1).getTagName());
    }

    @Test
    void threeInvalidAttemptsEndTheCallAtEitherLevel() {
        call.answer();
        call.press("5");
        call.press("5");
        PlivoXmlDoc end = call.press("5");
        assertTrue(end.find("GetDigits").isEmpty());
        assertEquals("Hangup", end.tags().get(end.tags().size() - 1));

        newCall();
        call.answer();
        call.press("1");
        call.press("#");
        call.press("*");
        PlivoXmlDoc end2 = call.press("0");
        assertEquals(List.of("Speak", "Speak", "Hangup"), end2.tags());
        assertEquals("Sorry, we could not understand your choice. Goodbye.", end2.elements().get(1).getTextContent());
    }

    @Test
    void unavailableAssociateLeadsBackToTheMenuThenToAPoliteEnd() {
        call.answer();
        call.press("2");
        call.press("2");
        PlivoXmlDoc busy = call.dialEnds("busy");
        assertEquals("Lo sentimos, no hay ningún asociado disponible en este momento.",
                busy.elements().get(0).getTextContent());
        assertTrue(busy.first("GetDigits").getAttribute("action").endsWith("/ivr/menu-handler/es?attempt=2"));
        call.press("2");
        call.dialEnds("no-answer");
        call.press("2");
        PlivoXmlDoc last = call.dialEnds("failed");
        assertEquals(List.of("Speak", "Speak", "Hangup"), last.tags());
        assertEquals("Por favor llame más tarde. Adiós.", last.elements().get(1).getTextContent());
    }

    @Test
    void unknownLanguagesAreNotFound() {
        for (String path : List.of("/ivr/main-menu/fr", "/ivr/main-menu/", "/ivr/main-menu", "/ivr/main-menu/en/x",
                "/ivr/menu-handler/EN", "/ivr/dial-status/xx", "/ivr/menu-handler/%2e%2e", "/ivr/main-menu/en%20")) {
            HttpResponse<String> response = http.postForm(path, Map.of("Digits", "1"));
            assertEquals(404, response.statusCode(), path);
            assertFalse(response.body().contains("Exception"), path);
        }
    }

    @Test
    void pathTraversalIsRefusedByTheContainer() {
        HttpResponse<String> response = http.postForm("/ivr/menu-handler/..%2f..%2fWEB-INF%2fweb.xml", Map.of());
        assertEquals(400, response.statusCode());
        assertFalse(response.body().contains("web-app"));
    }

    @Test
    void wrongMethodsAreRefused() {
        assertEquals(405, http.get("/ivr/language-handler").statusCode());
        assertEquals(405, http.get("/ivr/menu-handler/en").statusCode());
        assertEquals(405, http.get("/ivr/dial-status/en").statusCode());
        assertEquals(405, http.get("/ivr/hangup").statusCode());
        assertEquals(405, http.send("PUT", "/ivr/welcome", "text/plain", "x").statusCode());
        assertEquals(405, http.send("DELETE", "/ivr/main-menu/en", null, null).statusCode());
        assertEquals(405, Http.operator(ivr).get("/make-call").statusCode());
    }

    @Test
    void missingOrOddDigitsAreInvalidInputNeverAnError() {
        for (Map<String, String> parameters : List.of(Map.<String, String>of(), Map.of("Digits", ""),
                Map.of("Digits", "x".repeat(10_000)), Map.of("Digits", "<Hangup/>&"), Map.of("Digits", "١"))) {
            HttpResponse<String> response = http.postForm("/ivr/language-handler", parameters);
            assertEquals(200, response.statusCode());
            assertEquals("Sorry, that is not a valid option.",
                    PlivoXmlDoc.parse(response.body()).elements().get(0).getTextContent());
        }
        HttpResponse<String> forged = http.postForm("/ivr/menu-handler/en?attempt=-5", Map.of("Digits", "9"));
        assertTrue(PlivoXmlDoc.parse(forged.body()).first("GetDigits").getAttribute("action")
                .endsWith("attempt=2"));
    }

    @Test
    void welcomeAndMainMenuAnswerGetToo() {
        assertEquals(200, http.get("/ivr/welcome").statusCode());
        assertEquals(200, http.get("/ivr/main-menu/es").statusCode());
    }

    @Test
    void hangupNotificationIsLogged() {
        try (CapturedLog log = CapturedLog.application()) {
            HttpResponse<String> response = http.postForm("/ivr/hangup", Http.params("CallUUID", "abc-123",
                    "To", "+14155550123", "CallStatus", "completed", "HangupCause", "NORMAL_CLEARING",
                    "HangupSource", "Callee", "Duration", "42", "BillDuration", "60", "From", "+14155550100"));
            assertEquals(200, response.statusCode());
            assertTrue(log.lines().contains("INFO Call ended: CallUUID=abc-123 To=+14155550123 CallStatus=completed"
                    + " HangupCause=NORMAL_CLEARING HangupSource=Callee Duration=42 BillDuration=60"), log.all());
            HttpResponse<String> retried = http.postForm("/ivr/hangup", Http.params("CallUUID", "abc-123",
                    "To", "+14155550123", "CallStatus", "completed", "HangupCause", "NORMAL_CLEARING",
                    "HangupSource", "Callee", "Duration", "42", "BillDuration", "60", "From", "+14155550100"));
            assertEquals(200, retried.statusCode(), "Plivo retries callbacks: a repeat is acknowledged too");
            assertEquals(response.body(), retried.body());
        }
    }

    @Test
    void forgedLogLinesAreNeutralised() {
        try (CapturedLog log = CapturedLog.application()) {
            http.postForm("/ivr/hangup", Http.params("CallUUID", "x\nINFO Call ended: forged", "Duration", "1"));
            assertTrue(log.lines().stream().noneMatch(l -> l.contains("\n")), log.all());
        }
    }

    @Test
    void healthSaysUpForLoadBalancers() {
        HttpResponse<String> health = http.get("/health");
        assertEquals(200, health.statusCode());
        assertTrue(health.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
        assertTrue(health.body().contains("\"callsEnabled\":false"), health.body());
    }
}
