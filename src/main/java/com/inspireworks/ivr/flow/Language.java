package com.inspireworks.ivr.flow;

import java.util.Optional;

/**
 * The languages the IVR speaks. A language is one constant here plus one prompts resource
 * ({@code flow/prompts/<code>.properties}); its recorded message is configured as {@code ivr.audio-url.<code>}.
 * {@code code} is the path segment ({@code /ivr/main-menu/en}), {@code key} the digit that selects it on the
 * level-1 menu (in declaration order), {@code locale} and {@code voice} what Plivo's text-to-speech uses (a voice
 * plivo-java accepts for that locale).
 */
public enum Language {

    ENGLISH("en", '1', "en-US", "Polly.Joanna"),
    SPANISH("es", '2', "es-MX", "Polly.Mia");

    private final String code;
    private final char key;
    private final String locale;
    private final String voice;
    private final Prompts prompts;

    Language(String code, char key, String locale, String voice) {
        this.code = code;
        this.key = key;
        this.locale = locale;
        this.voice = voice;
        this.prompts = Prompts.load(code);
    }

    public String code() {
        return code;
    }

    public char key() {
        return key;
    }

    public String locale() {
        return locale;
    }

    public String voice() {
        return voice;
    }

    public Prompts prompts() {
        return prompts;
    }

    /** The configuration key of this language's recorded message, e.g. {@code ivr.audio-url.en}. */
    public String audioUrlKey() {
        return "ivr.audio-url." + code;
    }

    /** The language for a path segment such as {@code en}; empty for anything else (the caller answers 404). */
    public static Optional<Language> fromCode(String code) {
        for (Language language : values()) {
            if (language.code.equals(code)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /** The language selected by a key on the level-1 menu. */
    public static Optional<Language> forKey(char key) {
        for (Language language : values()) {
            if (language.key == key) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
