package com.inspireworks.ivr.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.support.CapturedLog;
import com.inspireworks.ivr.support.EmbeddedIvr;
import com.inspireworks.ivr.support.Http;
import com.inspireworks.ivr.support.PlivoXmlDoc;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** Start-up behaviour: validation, running without an account, configuration precedence, the banner. */
class StartupIT {

    @Test
    void malformedSettingsStopTheDeploymentWithOneMessageNamingEveryBadKey() {
        try (CapturedLog log = CapturedLog.application()) {
            assertThrows(IllegalStateException.class, () -> EmbeddedIvr.start(0, "/ivr", Map.of(
                    "ivr.public-url", "not a url",
                    "plivo.phone-number", "12345",
                    "plivo.auth-token", "bad token with spaces FakeSecretValue",
                    "ivr.allowed-number-classes", "satellite,premium-rate")));
            List<String> severe = log.records().stream().filter(r -> r.getLevel() == Level.SEVERE)
                    .map(r -> r.getMessage()).toList();
            assertEquals(1, severe.size(), log.all());
            for (String key : List.of("ivr.public-url", "plivo.phone-number", "plivo.auth-token",
                    "ivr.allowed-number-classes contains 'premium-rate'")) {
                assertTrue(severe.get(0).contains(key), severe.get(0));
            }
            assertFalse(log.all().contains("FakeSecretValue"));
        }
    }

    @Test
    void withoutAPlivoAccountTheAppRunsAndSaysWhyCallsCannotBePlaced() {
        try (CapturedLog log = CapturedLog.application();
                EmbeddedIvr ivr = EmbeddedIvr.start(0, "", Map.of())) {
            Http http = Http.operator(ivr);
            HttpResponse<String> page = http.get("/");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("Calls cannot be placed: set plivo.auth-id, plivo.auth-token,"
                    + " plivo.phone-number, ivr.public-url"), page.body());
            HttpResponse<String> api = http.postJson("/make-call", "{\"to\":\"+14155550123\"}");
            // Without an account the API places a simulated call instead (#4); nothing is sent to Plivo.
            assertEquals(201, api.statusCode(), api.body());
            assertTrue(api.body().contains("\"phoneUrl\""), api.body());
            assertTrue(http.get("/health").body().contains("\"callsEnabled\":false"));
            assertTrue(log.all().contains("Outbound calls   : DISABLED"), log.all());
            // The IVR itself still answers, on the local default public URL.
            PlivoXmlDoc welcome = PlivoXmlDoc.parse(http.postForm("/ivr/welcome", Map.of()).body());
            assertEquals("http://localhost:8080/ivr/language-handler?attempt=1",
                    welcome.first("GetDigits").getAttribute("action"));
        }
    }

    @Test
    void systemPropertiesBeatJndiWhichBeatsTheWarsDefaults() {
        System.setProperty("ivr.associate-number", "+14155550177");
        try (EmbeddedIvr ivr = EmbeddedIvr.start(0, "/ivr", Map.of(
                "ivr.associate-number", "+14155550199",
                "ivr.audio-url.en", "https://jndi.example.com/en.mp3"))) {
            Http http = Http.operator(ivr);
            String form = http.get("/").body();
            assertTrue(form.contains("+14155550177"), "system property wins over JNDI");
            assertFalse(form.contains("+14155550199"));
            PlivoXmlDoc menu = PlivoXmlDoc.parse(http.postForm("/ivr/main-menu/en", Map.of()).body());
            String handler = menu.first("GetDigits").getAttribute("action").replace("http://localhost:8080/ivr", "");
            PlivoXmlDoc message = PlivoXmlDoc.parse(http.postForm(handler, Map.of("Digits", "1")).body());
            assertEquals("https://jndi.example.com/en.mp3", message.first("Play").getTextContent(),
                    "JNDI wins over the WAR's default");
        } finally {
            System.clearProperty("ivr.associate-number");
        }
    }

    @Test
    void turningSignatureChecksOffIsPossibleButSaidLoudly() {
        try (CapturedLog log = CapturedLog.application();
                EmbeddedIvr ivr = EmbeddedIvr.start(0, "/ivr", Map.of(
                        "plivo.auth-token", "FakeTokenForTestsOnly0123456789abcdefXYZ",
                        "ivr.verify-signatures", "false"))) {
            assertTrue(log.records().stream().anyMatch(r -> r.getLevel() == Level.WARNING
                    && r.getMessage().startsWith("PLIVO WEBHOOK SIGNATURES ARE NOT CHECKED: ivr.verify-signatures"
                            + "=false")), log.all());
            assertEquals(200, new Http(ivr.baseUrl()).postForm("/ivr/welcome", Map.of()).statusCode());
        }
        try (EmbeddedIvr ivr = EmbeddedIvr.start(0, "/ivr", Map.of(
                "plivo.auth-token", "FakeTokenForTestsOnly0123456789abcdefXYZ"))) {
            assertEquals(403, new Http(ivr.baseUrl()).postForm("/ivr/welcome", Map.of()).statusCode(),
                    "on by default once a token is configured");
        }
    }

    @Test
    void theBannerNamesWhatIsInUse() {
        try (CapturedLog log = CapturedLog.application();
                EmbeddedIvr ivr = EmbeddedIvr.start(0, "/ivr", Map.of(
                        "plivo.phone-number", "+14155550100",
                        "ivr.associate-number", "+14155550199",
                        "ivr.public-url", "https://ivr.example.com/ivr",
                        "ivr.allowed-number-classes", "satellite"))) {
            String banner = log.all();
            assertTrue(banner.contains("Numbers called   : fixed, mobile, toll-free, satellite (premium-rate,"
                    + " shared-cost and unknown never)"), banner);
            assertTrue(banner.contains("Plivo number     : +14155550100"), banner);
            assertTrue(banner.contains("Associate        : +14155550199"), banner);
            assertTrue(banner.contains("Public URL       : https://ivr.example.com/ivr"), banner);
        }
    }
}
