package com.inspireworks.ivr.flow;

import com.plivo.api.exceptions.PlivoValidationException;
import com.plivo.api.exceptions.PlivoXmlException;
import com.plivo.api.xml.Dial;
import com.plivo.api.xml.GetDigits;
import com.plivo.api.xml.GetDigitsNestable;
import com.plivo.api.xml.Hangup;
import com.plivo.api.xml.Number;
import com.plivo.api.xml.Play;
import com.plivo.api.xml.Redirect;
import com.plivo.api.xml.Response;
import com.plivo.api.xml.ResponseNestable;
import com.plivo.api.xml.Speak;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds every Plivo document of the call flow as plivo-java element trees. Pure: the same input always gives the
 * same document, and nothing here knows about HTTP.
 *
 * <p>Each menu is one {@code GetDigits} with the prompt inside it (so a key pressed during the prompt counts),
 * followed by a {@code Redirect} to the no-input step: Plivo plays the prompt up to {@link #TRIES} times in all while
 * nothing is pressed and then continues with the element after {@code GetDigits} (its action is not called). The
 * no-input step says goodbye and hangs up, and tells the journal. {@code validDigits} is left open and
 * {@code finishOnKey} is switched off on purpose, so that every key, {@code *} and {@code #} included, reaches our
 * handler and a wrong one gets "invalid option".
 */
public final class Menus {

    /** Seconds Plivo waits for the first key. */
    public static final int DIGIT_TIMEOUT_SECONDS = 7;
    /**
     * GetDigits {@code retries}: how often the prompt is played in all while nothing is pressed. Plivo documents it
     * as "integer >= 1, default 1", and its open-source engine hands it to FreeSWITCH's
     * {@code play_and_get_digits} as {@code max_tries}: it counts tries, not extra replays. 2 = the menu, then the
     * menu once more, then the no-input goodbye. (1 would say goodbye after a single silent prompt.)
     */
    public static final int TRIES = 2;
    /**
     * GetDigits {@code finishOnKey}. Plivo's default {@code #} ends the input without being part of {@code Digits},
     * so a caller who pressed only {@code #} would count as silent. {@code none} switches the finish key off: with
     * {@code numDigits="1"} every key, {@code #} and {@code *} included, is sent to our handler.
     */
    public static final String FINISH_ON_KEY = "none";
    /** Seconds the associate's phone rings before the Dial gives up. */
    public static final int ASSOCIATE_RING_SECONDS = 30;

    private final IvrUrls urls;
    private final Map<Language, String> audio;
    private final Optional<String> associateNumber;
    private final Optional<String> callerId;

    /**
     * @param urls where Plivo reaches the webhooks
     * @param audio recorded message per language
     * @param associateNumber the live associate (E.164); without one, "talk to an associate" says nobody is available
     * @param callerId our Plivo number, shown to the associate; without one Plivo shows the caller's number
     */
    public Menus(IvrUrls urls, Map<Language, URI> audio, Optional<String> associateNumber, Optional<String> callerId) {
        this.urls = Objects.requireNonNull(urls);
        this.audio = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            this.audio.put(language, Objects.requireNonNull(audio.get(language), "audio URL for " + language)
                    .toString());
        }
        this.associateNumber = Objects.requireNonNull(associateNumber);
        this.callerId = Objects.requireNonNull(callerId);
    }

    /** Level 1: each language offered in its own language and voice. */
    public Response languageMenu(Attempt attempt) {
        return document(languageMenuElements(attempt));
    }

    /** After a key that selects no language: "invalid option" in every language, then level 1 again or goodbye. */
    public Response invalidLanguage(Attempt attempt) {
        List<ResponseNestable> elements = new ArrayList<>();
        for (Language language : Language.values()) {
            elements.add(speak(language, language.prompts().invalidOption()));
        }
        if (attempt.isLast()) {
            for (Language language : Language.values()) {
                elements.add(speak(language, language.prompts().tooManyAttempts()));
            }
            elements.add(new Hangup());
        } else {
            elements.addAll(languageMenuElements(attempt.next()));
        }
        return document(elements);
    }

    /** A language was chosen: continue at its level-2 menu. */
    public Response toMainMenu(Language language) {
        return document(List.of(new Redirect(urls.mainMenu(language)).method("POST")));
    }

    /** Level 2 in one language: recorded message or associate. */
    public Response mainMenu(Language language, Attempt attempt) {
        return document(mainMenuElements(language, attempt));
    }

    /** After a key that is not on the level-2 menu: "invalid option", then the same menu again or goodbye. */
    public Response invalidMenuChoice(Language language, Attempt attempt) {
        List<ResponseNestable> elements = new ArrayList<>();
        elements.add(speak(language, language.prompts().invalidOption()));
        if (attempt.isLast()) {
            elements.add(speak(language, language.prompts().tooManyAttempts()));
            elements.add(new Hangup());
        } else {
            elements.addAll(mainMenuElements(language, attempt.next()));
        }
        return document(elements);
    }

    /** Option 1: the recorded message, a goodbye, and the end of the call. */
    public Response recordedMessage(Language language) {
        return document(List.of(
                new Play(audio.get(language)),
                speak(language, language.prompts().goodbye()),
                new Hangup()));
    }

    /** Option 2: forward the call to the associate; the Dial's action reports how it went. */
    public Response connectToAssociate(Language language, Attempt attempt) {
        if (associateNumber.isEmpty()) {
            return associateUnavailable(language, attempt);
        }
        Dial dial = new Dial()
                .action(urls.dialStatus(language, attempt))
                .method("POST")
                .redirect(true)
                .timeout(ASSOCIATE_RING_SECONDS);
        callerId.ifPresent(dial::callerId);
        dial.children(new Number(associateNumber.get()));
        return document(List.of(speak(language, language.prompts().connecting()), dial));
    }

    /** The associate did not take the call: say so, then the level-2 menu again or, on the last attempt, goodbye. */
    public Response associateUnavailable(Language language, Attempt attempt) {
        List<ResponseNestable> elements = new ArrayList<>();
        elements.add(speak(language, language.prompts().associateUnavailable()));
        if (attempt.isLast()) {
            elements.add(speak(language, language.prompts().callBackLater()));
            elements.add(new Hangup());
        } else {
            elements.addAll(mainMenuElements(language, attempt.next()));
        }
        return document(elements);
    }

    /** The associate call is over. */
    public Response hangup() {
        return document(List.of(new Hangup()));
    }

    /** An empty document, the acknowledgement for notifications such as the hangup URL. */
    public Response empty() {
        return new Response();
    }

    private List<ResponseNestable> languageMenuElements(Attempt attempt) {
        List<GetDigitsNestable> prompts = new ArrayList<>();
        for (Language language : Language.values()) {
            prompts.add(speak(language, language.prompts().chooseLanguage()));
        }
        return List.of(
                getDigits(urls.languageHandler(attempt), prompts),
                new Redirect(urls.noInput(Optional.empty())).method("POST"));
    }

    private List<ResponseNestable> mainMenuElements(Language language, Attempt attempt) {
        return List.of(
                getDigits(urls.menuHandler(language, attempt), List.of(speak(language, language.prompts().mainMenu()))),
                new Redirect(urls.noInput(Optional.of(language))).method("POST"));
    }

    /**
     * The caller pressed nothing at a menu: goodbye in the menu's language, or in every language at level 1, and the
     * end of the call.
     */
    public Response noInput(Optional<Language> language) {
        List<ResponseNestable> elements = new ArrayList<>();
        for (Language each : language.map(List::of).orElse(List.of(Language.values()))) {
            elements.add(speak(each, each.prompts().noInput()));
        }
        elements.add(new Hangup());
        return document(elements);
    }

    private static GetDigits getDigits(String action, List<GetDigitsNestable> prompts) {
        return new GetDigits()
                .action(action)
                .method("POST")
                .numDigits(1)
                .timeout(DIGIT_TIMEOUT_SECONDS)
                .retries(TRIES)
                .finishOnKey(FINISH_ON_KEY)
                .redirect(true)
                .children(prompts.toArray(GetDigitsNestable[]::new));
    }

    /** Language before voice: plivo-java validates the voice against the language set last (static state). */
    private static Speak speak(Language language, String text) {
        try {
            return new Speak(text).language(language.locale()).voice(language.voice());
        } catch (PlivoXmlException e) {
            throw new IllegalStateException("plivo-java rejected " + language + " speech settings", e);
        }
    }

    private static Response document(List<? extends ResponseNestable> elements) {
        try {
            return new Response().children(elements.toArray(ResponseNestable[]::new));
        } catch (PlivoValidationException e) {
            throw new IllegalStateException("plivo-java rejected a document", e);
        }
    }
}
