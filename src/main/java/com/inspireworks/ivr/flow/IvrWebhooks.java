package com.inspireworks.ivr.flow;

import com.inspireworks.ivr.journal.CallEnded;
import com.inspireworks.ivr.journal.CallJournal;
import com.inspireworks.ivr.journal.CallStep;
import com.inspireworks.ivr.journal.JournalUnavailableException;
import com.inspireworks.ivr.journal.PlivoCallParameters;
import com.inspireworks.ivr.journal.StepType;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What each webhook does: answers with the {@link CallFlow}'s document and tells the {@link CallJournal} which step
 * the caller took. Steps are written behind (they never delay or break the answer); only the hangup callback waits
 * for the journal, so that Plivo retries it when it could not be stored. Stateless and thread-safe: everything
 * about the call arrives with the request, so any instance can answer any step.
 */
public final class IvrWebhooks {

    private static final Logger LOG = Logger.getLogger(IvrWebhooks.class.getName());
    private static final char OPTION_RECORDED_MESSAGE = '1';
    private static final char OPTION_ASSOCIATE = '2';

    private final CallFlow flow;
    private final CallJournal journal;
    private final Optional<String> associateNumber;
    private final Clock clock;

    public IvrWebhooks(CallFlow flow, CallJournal journal, Optional<String> associateNumber, Clock clock) {
        this.flow = Objects.requireNonNull(flow);
        this.journal = Objects.requireNonNull(journal);
        this.associateNumber = Objects.requireNonNull(associateNumber);
        this.clock = Objects.requireNonNull(clock);
    }

    /** {@code /ivr/welcome}: the callee answered; the level-1 menu. */
    public PlivoDocument welcome(PlivoCallParameters call, Attempt attempt) {
        record(StepType.ANSWERED, Optional.empty(), Optional.empty(), attempt, call);
        return flow.welcome(attempt);
    }

    /** {@code /ivr/language-handler}: the key pressed at level 1. */
    public PlivoDocument languageChosen(PlivoCallParameters call, String digits, Attempt attempt) {
        OptionalInt key = Digits.singleKey(digits);
        Optional<Language> language = key.isPresent() ? Language.forKey((char) key.getAsInt()) : Optional.empty();
        if (language.isPresent()) {
            record(StepType.LANGUAGE, language, Optional.of(String.valueOf(language.get().key())), attempt, call);
        } else {
            record(StepType.INVALID, Optional.empty(), Optional.ofNullable(digits), attempt, call);
        }
        return flow.languageChosen(digits, attempt);
    }

    /** {@code /ivr/main-menu/{lang}}: the level-2 menu. */
    public PlivoDocument mainMenu(PlivoCallParameters call, Language language, Attempt attempt) {
        record(StepType.MENU, Optional.of(language), Optional.empty(), attempt, call);
        return flow.mainMenu(language, attempt);
    }

    /** {@code /ivr/menu-handler/{lang}}: the key pressed at level 2. */
    public PlivoDocument menuChosen(PlivoCallParameters call, Language language, String digits, Attempt attempt) {
        OptionalInt key = Digits.singleKey(digits);
        Optional<Language> lang = Optional.of(language);
        if (key.isPresent() && key.getAsInt() == OPTION_RECORDED_MESSAGE) {
            record(StepType.OPTION, lang, Optional.of("message"), attempt, call);
        } else if (key.isPresent() && key.getAsInt() == OPTION_ASSOCIATE) {
            record(StepType.OPTION, lang, Optional.of("associate"), attempt, call);
            associateNumber.ifPresent(number -> record(StepType.DIAL, lang, Optional.of(number), attempt, call));
        } else {
            record(StepType.INVALID, lang, Optional.ofNullable(digits), attempt, call);
        }
        return flow.menuChosen(language, digits, attempt);
    }

    /** {@code /ivr/dial-status/{lang}}: the Dial to the associate ended with {@code DialStatus}. */
    public PlivoDocument dialEnded(PlivoCallParameters call, Language language, String dialStatus, Attempt attempt) {
        record(StepType.DIAL_ENDED, Optional.of(language), Optional.ofNullable(dialStatus), attempt, call);
        return flow.dialEnded(language, DialOutcome.fromDialStatus(dialStatus), attempt);
    }

    /** {@code /ivr/no-input[/{lang}]}: nothing was pressed at a menu, twice; goodbye. */
    public PlivoDocument noInput(PlivoCallParameters call, Optional<Language> language) {
        record(StepType.NO_INPUT, language, Optional.empty(), Attempt.FIRST, call);
        return flow.noInput(language);
    }

    /**
     * {@code /ivr/hangup}: Plivo's report that the call ended. Answered only once the journal has stored it.
     *
     * @throws JournalUnavailableException when it could not be stored: answer with an error so that Plivo retries
     */
    public PlivoDocument hangup(PlivoCallParameters call) throws JournalUnavailableException {
        journal.ended(new CallEnded(call, clock.instant()));
        return flow.acknowledgement();
    }

    /** Never throws: a journal that fails must not cost the caller the menu. */
    private void record(StepType type, Optional<Language> language, Optional<String> detail, Attempt attempt,
            PlivoCallParameters call) {
        try {
            journal.step(new CallStep(type, language.map(Language::code), detail, attempt.number(), call,
                    clock.instant()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The journal failed to take a " + type + " step; the caller is not affected", e);
        }
    }
}
