package com.inspireworks.ivr.flow;

import java.util.Optional;

/**
 * The languages the IVR speaks. {@code code} is the path segment ({@code /ivr/main-menu/en}), {@code key} the digit
 * that selects it on the level-1 menu, {@code locale} and {@code voice} what Plivo's text-to-speech uses.
 */
public enum Language {

    ENGLISH("en", '1', "en-US", "Polly.Joanna", new Prompts(
            "For English, press 1.",
            "To hear a recorded message, press 1. To talk to an associate, press 2.",
            "Sorry, that is not a valid option.",
            "We did not receive any input. Goodbye.",
            "Sorry, we could not understand your choice. Goodbye.",
            "Thank you for calling InspireWorks. Goodbye.",
            "Please hold while we connect you to an associate.",
            "Sorry, no associate is available right now.",
            "Please call again later. Goodbye.")),

    SPANISH("es", '2', "es-MX", "Polly.Mia", new Prompts(
            "Para español, oprima 2.",
            "Para escuchar un mensaje grabado, oprima 1. Para hablar con un asociado, oprima 2.",
            "Lo sentimos, esa opción no es válida.",
            "No recibimos ninguna respuesta. Adiós.",
            "Lo sentimos, no pudimos entender su elección. Adiós.",
            "Gracias por llamar a InspireWorks. Adiós.",
            "Por favor espere mientras le comunicamos con un asociado.",
            "Lo sentimos, no hay ningún asociado disponible en este momento.",
            "Por favor llame más tarde. Adiós."));

    private final String code;
    private final char key;
    private final String locale;
    private final String voice;
    private final Prompts prompts;

    Language(String code, char key, String locale, String voice, Prompts prompts) {
        this.code = code;
        this.key = key;
        this.locale = locale;
        this.voice = voice;
        this.prompts = prompts;
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
