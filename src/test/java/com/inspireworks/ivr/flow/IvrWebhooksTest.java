package com.inspireworks.ivr.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.inspireworks.ivr.journal.CallEnded;
import com.inspireworks.ivr.journal.CallFailed;
import com.inspireworks.ivr.journal.CallJournal;
import com.inspireworks.ivr.journal.CallPlaced;
import com.inspireworks.ivr.journal.CallRequested;
import com.inspireworks.ivr.journal.CallStep;
import com.inspireworks.ivr.journal.JournalUnavailableException;
import com.inspireworks.ivr.journal.PlivoCallParameters;
import com.inspireworks.ivr.journal.StepType;
import com.inspireworks.ivr.support.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each webhook answers with the flow's document and tells the journal which step the caller took. */
class IvrWebhooksTest {

    static final CallFlow FLOW = CallFlowTest.flow(Optional.of(CallFlowTest.ASSOCIATE));
    static final PlivoCallParameters CALL = new PlivoCallParameters(Optional.empty(),
            Map.of("CallUUID", "a1b2", "ALegRequestUUID", "r-1"));

    final ManualClock clock = new ManualClock();
    final List<CallStep> steps = new ArrayList<>();
    final StepJournal journal = new StepJournal();
    final IvrWebhooks ivr = new IvrWebhooks(FLOW, journal, Optional.of(CallFlowTest.ASSOCIATE), clock);

    /** type/language/detail/attempt of every recorded step. */
    List<String> recorded() {
        return steps.stream().map(s -> s.type() + "/" + s.language().orElse("-") + "/" + s.detail().orElse("-")
                + "/" + s.attempt()).toList();
    }

    @Test
    void aCallerWhoReachesTheAssociateLeavesEveryStep() {
        assertSame(FLOW.welcome(Attempt.FIRST), ivr.welcome(CALL, Attempt.FIRST));
        assertSame(FLOW.languageChosen("2", Attempt.FIRST), ivr.languageChosen(CALL, "2", Attempt.FIRST));
        assertSame(FLOW.mainMenu(Language.SPANISH, Attempt.FIRST), ivr.mainMenu(CALL, Language.SPANISH,
                Attempt.FIRST));
        ivr.menuChosen(CALL, Language.SPANISH, "9", Attempt.FIRST);
        ivr.menuChosen(CALL, Language.SPANISH, "2", new Attempt(2));
        ivr.dialEnded(CALL, Language.SPANISH, "busy", new Attempt(2));
        assertEquals(List.of("ANSWERED/-/-/1", "LANGUAGE/es/2/1", "MENU/es/-/1", "INVALID/es/9/1",
                "OPTION/es/associate/2", "DIAL/es/" + CallFlowTest.ASSOCIATE + "/2", "DIAL_ENDED/es/busy/2"),
                recorded());
        assertEquals(CALL, steps.get(0).call());
        assertEquals(clock.instant(), steps.get(0).at());
    }

    @Test
    void wrongKeysAtLevelOneAndSilenceAreStepsToo() {
        ivr.languageChosen(CALL, "#", Attempt.FIRST);
        ivr.languageChosen(CALL, null, new Attempt(2));
        ivr.noInput(CALL, Optional.empty());
        ivr.noInput(CALL, Optional.of(Language.ENGLISH));
        ivr.menuChosen(CALL, Language.ENGLISH, "1", Attempt.FIRST);
        assertEquals(List.of("INVALID/-/#/1", "INVALID/-/-/2", "NO_INPUT/-/-/1", "NO_INPUT/en/-/1",
                "OPTION/en/message/1"), recorded());
    }

    @Test
    void withoutAnAssociateOptionTwoDialsNobody() {
        IvrWebhooks noAssociate = new IvrWebhooks(CallFlowTest.flow(Optional.empty()), journal, Optional.empty(),
                clock);
        noAssociate.menuChosen(CALL, Language.ENGLISH, "2", Attempt.FIRST);
        assertEquals(List.of("OPTION/en/associate/1"), recorded());
    }

    @Test
    void aJournalThatFailsNeverCostsTheCallerTheMenu() {
        journal.brokenSteps = true;
        assertSame(FLOW.welcome(Attempt.FIRST), ivr.welcome(CALL, Attempt.FIRST));
        assertSame(FLOW.menuChosen(Language.ENGLISH, "1", Attempt.FIRST),
                ivr.menuChosen(CALL, Language.ENGLISH, "1", Attempt.FIRST));
    }

    @Test
    void theHangupIsAcknowledgedOnlyOnceStored() throws JournalUnavailableException {
        assertSame(FLOW.acknowledgement(), ivr.hangup(CALL));
        assertEquals(1, journal.ended.size());
        journal.down = true;
        assertThrows(JournalUnavailableException.class, () -> ivr.hangup(CALL));
    }

    final class StepJournal implements CallJournal {
        final List<CallEnded> ended = new ArrayList<>();
        boolean brokenSteps;
        boolean down;

        @Override
        public void requested(CallRequested call) {
        }

        @Override
        public void placed(CallPlaced call) {
        }

        @Override
        public void failed(CallFailed call) {
        }

        @Override
        public void step(CallStep step) {
            if (brokenSteps) {
                throw new IllegalStateException("a journal bug");
            }
            steps.add(step);
        }

        @Override
        public void ended(CallEnded call) throws JournalUnavailableException {
            if (down) {
                throw new JournalUnavailableException("database down", null);
            }
            ended.add(call);
        }
    }
}
