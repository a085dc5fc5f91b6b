package com.inspireworks.ivr.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.flow.Language;
import com.inspireworks.ivr.support.CapturedLog;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class SettingsReaderTest {

    static final String FAKE_TOKEN = "FakeTokenNeverToBeShown0123456789abcdef";

    static Map<String, String> complete() {
        Map<String, String> values = new HashMap<>();
        values.put("plivo.auth-id", "MAFAKEFAKEFAKEFAKE00");
        values.put("plivo.auth-token", FAKE_TOKEN);
        values.put("plivo.phone-number", "+1 415 555 0100");
        values.put("ivr.associate-number", "+14155550199");
        values.put("ivr.public-url", "https://ivr.example.com/ivr/");
        return values;
    }

    /** The WAR's defaults file plus the given values, as MicroProfile Config would see them. */
    static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .addDefaultSources()
                .withSources(new PropertiesConfigSource(values, "test", 500))
                .build();
    }

    @Test
    void readsAndNormalisesACompleteConfiguration() {
        IvrSettings settings = SettingsReader.read(config(complete()), "/ivr");
        assertEquals("MAFAKEFAKEFAKEFAKE00", settings.authId().orElseThrow());
        assertEquals(FAKE_TOKEN, settings.authToken().orElseThrow().reveal());
        assertEquals("+14155550100", settings.phoneNumber().orElseThrow(), "normalised to E.164");
        assertEquals(URI.create("https://ivr.example.com/ivr"), settings.publicUrl(), "trailing slash removed");
        assertTrue(settings.publicUrlConfigured());
        assertTrue(settings.canPlaceCalls());
        assertEquals(List.of(), settings.missingForCalls());
    }

    @Test
    void shippedDefaultsApplyWhenNothingIsSet() {
        IvrSettings settings = SettingsReader.read(config(Map.of()), "/ivr");
        assertEquals(URI.create("https://api.plivo.com"), settings.plivoApiUrl());
        assertEquals(Duration.ofSeconds(5), settings.connectTimeout());
        assertEquals(Duration.ofSeconds(10), settings.readTimeout());
        assertEquals(Duration.ofHours(1), settings.callTimeLimit());
        assertTrue(settings.audioUrls().get(com.inspireworks.ivr.flow.Language.ENGLISH).toString().startsWith("https://"));
        assertEquals(URI.create("http://localhost:8080/ivr"), settings.publicUrl(), "local default keeps context");
        assertFalse(settings.publicUrlConfigured());
    }

    @Test
    void missingCredentialsDoNotStopTheAppButAreListed() {
        IvrSettings settings = SettingsReader.read(config(Map.of("plivo.phone-number", "+14155550100")), "");
        assertFalse(settings.canPlaceCalls());
        assertEquals(List.of("plivo.auth-id", "plivo.auth-token", "ivr.public-url"), settings.missingForCalls());
    }

    @Test
    void everyMalformedValueIsReportedInOneMessage() {
        Map<String, String> values = complete();
        values.put("plivo.auth-id", "not-an-id");
        values.put("plivo.auth-token", "short " + FAKE_TOKEN);
        values.put("plivo.phone-number", "12345");
        values.put("ivr.associate-number", "+1-800-FLOWERS");
        values.put("ivr.public-url", "ftp://example.com");
        values.put("ivr.audio-url.es", "not a url");
        values.put("plivo.read-timeout-ms", "soon");
        values.put("ivr.call-time-limit-seconds", "999999");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> SettingsReader.read(config(values), ""));
        for (String key : List.of("plivo.auth-id", "plivo.auth-token", "plivo.phone-number", "ivr.associate-number",
                "ivr.public-url", "ivr.audio-url.es", "plivo.read-timeout-ms", "ivr.call-time-limit-seconds")) {
            assertTrue(e.getMessage().contains(key), key + " missing from: " + e.getMessage());
        }
        assertEquals(8, e.problems().size(), e.getMessage());
        assertFalse(e.getMessage().contains(FAKE_TOKEN), "the token must never be echoed");
        assertTrue(e.getMessage().contains("ivr.public-url must be an absolute http or https URL, got"
                + " 'ftp://example.com'"), e.getMessage());
    }

    @Test
    void publicUrlMustBeABaseWithoutQueryOrCredentials() {
        Map<String, String> values = complete();
        values.put("ivr.public-url", "https://user:pw@ivr.example.com/ivr?x=1");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> SettingsReader.read(config(values), ""));
        assertEquals(List.of("ivr.public-url must not contain a user name or password"), e.problems());
        assertFalse(e.getMessage().contains("pw@"));
    }

    @Test
    void blankValuesCountAsUnset() {
        Map<String, String> values = complete();
        values.put("plivo.auth-token", "   ");
        IvrSettings settings = SettingsReader.read(config(values), "");
        assertTrue(settings.authToken().isEmpty());
        assertEquals(List.of("plivo.auth-token"), settings.missingForCalls());
    }

    @Test
    void secretsAreMaskedWhenPrinted() {
        IvrSettings settings = SettingsReader.read(config(complete()), "");
        assertFalse(settings.toString().contains(FAKE_TOKEN), settings.toString());
    }

    @Test
    void extraNumberClassesAreReadAndValidated() {
        Map<String, String> values = complete();
        values.put("ivr.allowed-number-classes", " Satellite, personal ,,ordinary");
        assertEquals(java.util.Set.of(com.inspireworks.ivr.phone.NumberClass.SATELLITE,
                com.inspireworks.ivr.phone.NumberClass.PERSONAL),
                SettingsReader.read(config(values), "").allowedNumberClasses(), "ordinary is always allowed");
        assertEquals(java.util.Set.of(), SettingsReader.read(config(complete()), "").allowedNumberClasses(),
                "none by default");

        values.put("ivr.allowed-number-classes", "satelite,premium-rate,shared-cost");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> SettingsReader.read(config(values), ""));
        assertTrue(e.getMessage().contains("ivr.allowed-number-classes contains 'satelite', which is not a number"
                + " class; use any of satellite, international-network, non-geographic, personal, pager, uan, voip,"
                + " voicemail"), e.getMessage());
        assertTrue(e.getMessage().contains("'premium-rate': premium-rate numbers are never called"), e.getMessage());
        assertTrue(e.getMessage().contains("'shared-cost': shared-cost numbers are never called"), e.getMessage());
    }

    @Test
    void anEmptyValueFallsBackToTheDefaultInsteadOfStoppingTheDeployment() {
        Map<String, String> values = complete();
        values.put("ivr.audio-url.en", "");
        values.put("ivr.audio-url.es", " ");
        values.put("plivo.connect-timeout-ms", "");
        values.put("plivo.api-url", "");
        IvrSettings settings = SettingsReader.read(config(values), "");
        assertEquals(URI.create(Language.ENGLISH.prompts().defaultAudioUrl()),
                settings.audioUrls().get(Language.ENGLISH));
        assertEquals(URI.create(Language.SPANISH.prompts().defaultAudioUrl()),
                settings.audioUrls().get(Language.SPANISH));
        assertEquals(Duration.ofSeconds(5), settings.connectTimeout(), "the WAR's default");
        assertEquals(URI.create("https://api.plivo.com"), settings.plivoApiUrl());
    }

    @Test
    void everyLanguageHasItsOwnAudioSetting() {
        Map<String, String> values = complete();
        for (Language language : Language.values()) {
            values.put("ivr.audio-url." + language.code(), "https://media.example.net/" + language.code() + ".mp3");
        }
        IvrSettings settings = SettingsReader.read(config(values), "");
        for (Language language : Language.values()) {
            assertEquals(URI.create("https://media.example.net/" + language.code() + ".mp3"),
                    settings.audioUrls().get(language));
        }
    }

    @Test
    void shippedPlaceholdersCountAsUnsetAndAreNamedInOneWarning() {
        Map<String, String> values = complete();
        values.put("plivo.auth-id", "MAXXXXXXXXXXXXXXXXXX");
        values.put("plivo.auth-token", "REPLACE_WITH_PLIVO_AUTH_TOKEN");
        values.put("plivo.main-account-auth-token", "REPLACE_WITH_MAIN_ACCOUNT_TOKEN");
        try (CapturedLog log = CapturedLog.application()) {
            IvrSettings settings = SettingsReader.read(config(values), "");
            assertTrue(settings.authId().isEmpty());
            assertTrue(settings.authToken().isEmpty());
            assertTrue(settings.mainAccountToken().isEmpty());
            assertEquals(List.of("plivo.auth-id", "plivo.auth-token"), settings.missingForCalls());
            List<String> warnings = log.lines().stream().filter(l -> l.startsWith("WARNING")).toList();
            assertEquals(1, warnings.size(), log.all());
            assertTrue(warnings.get(0).contains("plivo.auth-id, plivo.auth-token, plivo.main-account-auth-token"),
                    warnings.get(0));
            assertFalse(log.all().contains("REPLACE_WITH_PLIVO_AUTH_TOKEN"), "placeholder values are not echoed");
        }
    }

    @Test
    void operatorCapacityHasShippedDefaultsAndIsValidated() {
        IvrSettings defaults = SettingsReader.read(config(complete()), "");
        assertEquals(16, defaults.maxConcurrentOperatorRequests());
        assertEquals(1, defaults.maxConcurrentSignIns());
        Map<String, String> values = complete();
        values.put("ivr.max-concurrent-operator-requests", "0");
        values.put("ivr.max-concurrent-sign-ins", "lots");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> SettingsReader.read(config(values), ""));
        assertTrue(e.getMessage().contains("ivr.max-concurrent-operator-requests must be a whole number of requests"
                + " from 1 to 1000, got '0'"), e.getMessage());
        assertTrue(e.getMessage().contains("ivr.max-concurrent-sign-ins must be a whole number of sign-ins from 1 to"
                + " 64, got 'lots'"), e.getMessage());
    }
}
