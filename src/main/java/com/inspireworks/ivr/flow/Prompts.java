package com.inspireworks.ivr.flow;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Everything the IVR says in one language, read from {@code flow/prompts/<code>.properties} (UTF-8).
 *
 * @param chooseLanguage level-1 offer of this language ("For English, press 1.")
 * @param mainMenu level-2 menu
 * @param invalidOption said after a key that is not on the menu
 * @param noInput said before hanging up when the caller pressed nothing
 * @param tooManyAttempts said before hanging up after the last invalid attempt
 * @param goodbye said after the recorded message
 * @param connecting said before the call is forwarded to the associate
 * @param associateUnavailable said when the associate is busy, does not answer or cannot be reached
 * @param callBackLater said before hanging up when the associate could not be reached on the last attempt
 * @param defaultAudioUrl the recorded message when {@code ivr.audio-url.<code>} is not configured
 */
public record Prompts(
        String chooseLanguage,
        String mainMenu,
        String invalidOption,
        String noInput,
        String tooManyAttempts,
        String goodbye,
        String connecting,
        String associateUnavailable,
        String callBackLater,
        String defaultAudioUrl) {

    static final String RESOURCE = "/com/inspireworks/ivr/flow/prompts/%s.properties";

    /** The prompts of language {@code code}; fails at class initialisation when the resource is missing or short. */
    static Prompts load(String code) {
        String name = String.format(RESOURCE, code);
        Properties text = new Properties();
        try (InputStream in = Prompts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Prompts resource " + name + " is missing");
            }
            text.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
        List<String> missing = new ArrayList<>();
        String[] keys = {"choose-language", "main-menu", "invalid-option", "no-input", "too-many-attempts", "goodbye",
            "connecting", "associate-unavailable", "call-back-later", "default-audio-url"};
        String[] values = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            values[i] = text.getProperty(keys[i], "").strip();
            if (values[i].isEmpty()) {
                missing.add(keys[i]);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(name + " lacks " + String.join(", ", missing));
        }
        return new Prompts(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7],
                values[8], values[9]);
    }
}
