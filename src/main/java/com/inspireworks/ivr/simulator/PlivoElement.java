package com.inspireworks.ivr.simulator;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One instruction of a Plivo XML document, as the simulator understands it. Attribute defaults are Plivo's
 * (see {@link PlivoXmlReader}); values were checked when the document was read, so these records are always valid.
 */
public sealed interface PlivoElement {

    /** How often Plivo repeats a Speak or Play; {@code 0} means until the call ends. */
    int FOREVER = 0;

    /** Something the caller hears: Speak and Play, the only elements allowed inside GetDigits. */
    sealed interface Prompt extends PlivoElement permits Speak, Play {
    }

    /**
     * Text-to-speech.
     *
     * @param text what is said (SSML markup reduced to its text)
     * @param language e.g. {@code es-MX}; Plivo's default is {@code en-US}
     * @param voice e.g. {@code Polly.Mia}; Plivo's default is {@code WOMAN}
     * @param loop how many times it is said, {@link #FOREVER} for endlessly
     */
    record Speak(String text, String language, String voice, int loop) implements Prompt {
        public Speak {
            Objects.requireNonNull(text);
            Objects.requireNonNull(language);
            Objects.requireNonNull(voice);
        }
    }

    /** An audio file at {@code url}, played {@code loop} times ({@link #FOREVER} for endlessly). */
    record Play(String url, int loop) implements Prompt {
        public Play {
            Objects.requireNonNull(url);
        }
    }

    /**
     * Collects keys while the nested prompts play.
     *
     * @param action where the digits are sent; empty when the document names none
     * @param method GET or POST
     * @param timeout seconds to wait for the first key
     * @param digitTimeout seconds to wait between keys
     * @param finishOnKey the key that submits what was typed; empty when disabled ({@code none} or empty string)
     * @param numDigits the input is submitted as soon as this many keys were pressed
     * @param retries how many tries in all (Plivo: "integer >= 1"; its engine's FreeSWITCH {@code max_tries}): the
     *     prompts play this many times while nothing (valid) is entered
     * @param redirect true: continue with the document the action returns; false: fetch it and go on here
     * @param validDigits the keys Plivo accepts; others are refused inside Plivo and count as a failed try
     * @param invalidDigitsSound played when a key outside {@code validDigits} is pressed
     * @param prompts Speak and Play elements played while waiting
     */
    record GetDigits(Optional<String> action, String method, int timeout, int digitTimeout,
            Optional<Character> finishOnKey, int numDigits, int retries, boolean redirect, String validDigits,
            Optional<String> invalidDigitsSound, List<Prompt> prompts) implements PlivoElement {
        public GetDigits {
            Objects.requireNonNull(action);
            Objects.requireNonNull(method);
            Objects.requireNonNull(finishOnKey);
            Objects.requireNonNull(validDigits);
            Objects.requireNonNull(invalidDigitsSound);
            prompts = List.copyOf(prompts);
        }
    }

    /** Continue the call with the document at {@code url}. */
    record Redirect(String url, String method) implements PlivoElement {
        public Redirect {
            Objects.requireNonNull(url);
            Objects.requireNonNull(method);
        }
    }

    /**
     * Rings other parties and connects the caller to whoever answers.
     *
     * @param action where the outcome ({@code DialStatus} ...) is sent; empty when none
     * @param method GET or POST
     * @param redirect true: continue with the document the action returns; false: fetch it and go on here
     * @param timeout seconds the other side rings; empty when not set (Plivo has no default)
     * @param callerId the number the other side sees; empty for the caller's own
     * @param numbers the phone numbers and SIP users rung, in document order
     */
    record Dial(Optional<String> action, String method, boolean redirect, Optional<Integer> timeout,
            Optional<String> callerId, List<String> numbers) implements PlivoElement {
        public Dial {
            Objects.requireNonNull(action);
            Objects.requireNonNull(method);
            Objects.requireNonNull(timeout);
            Objects.requireNonNull(callerId);
            numbers = List.copyOf(numbers);
        }
    }

    /** Silence for {@code length} seconds. */
    record Wait(int length) implements PlivoElement {
    }

    /**
     * Ends the call.
     *
     * @param reason Plivo's {@code reason} attribute ({@code rejected}, {@code busy}), empty when not given
     * @param schedule seconds after which the call is hung up while the document goes on; 0 for now
     */
    record Hangup(Optional<String> reason, int schedule) implements PlivoElement {
        public Hangup {
            Objects.requireNonNull(reason);
        }
    }
}
