package com.inspireworks.ivr.flow;

import com.plivo.api.xml.Response;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The IVR's decisions: which document answers which step. Every document depends only on configuration, the
 * language, the attempt number and the key pressed, a small finite set, so all of them are rendered once when the
 * flow is built and a webhook costs a table look-up, no XML marshalling. Thread-safe and stateless per call.
 */
public final class CallFlow {

    private static final int OPTION_RECORDED_MESSAGE = '1';
    private static final int OPTION_ASSOCIATE = '2';

    private final PlivoDocument[] welcome = new PlivoDocument[Attempt.MAX + 1];
    private final PlivoDocument[] invalidLanguage = new PlivoDocument[Attempt.MAX + 1];
    private final Map<Language, PlivoDocument> toMainMenu = new EnumMap<>(Language.class);
    private final Map<Language, PlivoDocument[]> mainMenu = new EnumMap<>(Language.class);
    private final Map<Language, PlivoDocument[]> invalidMenuChoice = new EnumMap<>(Language.class);
    private final Map<Language, PlivoDocument> recordedMessage = new EnumMap<>(Language.class);
    private final Map<Language, PlivoDocument[]> connectToAssociate = new EnumMap<>(Language.class);
    private final Map<Language, PlivoDocument[]> associateUnavailable = new EnumMap<>(Language.class);
    private final Map<Language, PlivoDocument> noInput = new EnumMap<>(Language.class);
    private final PlivoDocument noInputAtLevelOne;
    private final PlivoDocument hangup;
    private final PlivoDocument empty;

    /**
     * Renders every document. plivo-java prints the language to standard output whenever it validates a Polly
     * voice ({@code Utils.validateLanguageVoice}), once per Speak; that output of this thread is dropped while the
     * documents are built (see {@link QuietStandardOutput}).
     */
    public CallFlow(Menus menus, PlivoXml xml) {
        try (QuietStandardOutput quiet = QuietStandardOutput.forCurrentThread()) {
            Function<Response, PlivoDocument> render = response -> new PlivoDocument(xml.render(response));
            for (int n = 1; n <= Attempt.MAX; n++) {
                Attempt attempt = new Attempt(n);
                welcome[n] = render.apply(menus.languageMenu(attempt));
                invalidLanguage[n] = render.apply(menus.invalidLanguage(attempt));
            }
            for (Language language : Language.values()) {
                toMainMenu.put(language, render.apply(menus.toMainMenu(language)));
                recordedMessage.put(language, render.apply(menus.recordedMessage(language)));
                mainMenu.put(language, perAttempt(a -> menus.mainMenu(language, a), render));
                invalidMenuChoice.put(language, perAttempt(a -> menus.invalidMenuChoice(language, a), render));
                connectToAssociate.put(language, perAttempt(a -> menus.connectToAssociate(language, a), render));
                associateUnavailable.put(language, perAttempt(a -> menus.associateUnavailable(language, a), render));
                noInput.put(language, render.apply(menus.noInput(Optional.of(language))));
            }
            noInputAtLevelOne = render.apply(menus.noInput(Optional.empty()));
            hangup = render.apply(menus.hangup());
            empty = render.apply(menus.empty());
        }
    }

    /** {@code /ivr/welcome}: the level-1 language menu. */
    public PlivoDocument welcome(Attempt attempt) {
        return welcome[attempt.number()];
    }

    /** {@code /ivr/language-handler}: the key pressed at level 1. */
    public PlivoDocument languageChosen(String digits, Attempt attempt) {
        OptionalInt key = Digits.singleKey(digits);
        if (key.isPresent()) {
            for (Language language : Language.values()) {
                if (language.key() == key.getAsInt()) {
                    return toMainMenu.get(language);
                }
            }
        }
        return invalidLanguage[attempt.number()];
    }

    /** {@code /ivr/main-menu/{lang}}: the level-2 menu. */
    public PlivoDocument mainMenu(Language language, Attempt attempt) {
        return mainMenu.get(language)[attempt.number()];
    }

    /** {@code /ivr/menu-handler/{lang}}: the key pressed at level 2. */
    public PlivoDocument menuChosen(Language language, String digits, Attempt attempt) {
        OptionalInt key = Digits.singleKey(digits);
        if (key.isPresent() && key.getAsInt() == OPTION_RECORDED_MESSAGE) {
            return recordedMessage.get(language);
        }
        if (key.isPresent() && key.getAsInt() == OPTION_ASSOCIATE) {
            return connectToAssociate.get(language)[attempt.number()];
        }
        return invalidMenuChoice.get(language)[attempt.number()];
    }

    /** {@code /ivr/dial-status/{lang}}: how the Dial to the associate ended. */
    public PlivoDocument dialEnded(Language language, DialOutcome outcome, Attempt attempt) {
        return outcome == DialOutcome.COMPLETED ? hangup : associateUnavailable.get(language)[attempt.number()];
    }

    /** {@code /ivr/no-input[/{lang}]}: the caller pressed nothing at a menu, twice. */
    public PlivoDocument noInput(Optional<Language> language) {
        return language.map(noInput::get).orElse(noInputAtLevelOne);
    }

    /** Acknowledgement for notifications that expect no instructions (hangup URL). */
    public PlivoDocument acknowledgement() {
        return empty;
    }

    private static PlivoDocument[] perAttempt(Function<Attempt, Response> build,
            Function<Response, PlivoDocument> render) {
        PlivoDocument[] documents = new PlivoDocument[Attempt.MAX + 1];
        for (int n = 1; n <= Attempt.MAX; n++) {
            documents[n] = render.apply(build.apply(new Attempt(n)));
        }
        return documents;
    }
}
