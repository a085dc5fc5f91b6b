package com.inspireworks.ivr.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.support.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the journal promises, run against each database it stores calls in ({@link H2JournalTest} for the embedded
 * default, {@link PostgresJournalTest} for PostgreSQL): the same calls, the same answers.
 */
abstract class JournalContractTest {

    static final int CAPACITY = 200;
    static final String TO = "+14155550123";
    static final String FROM = "+14155550100";

    final ManualClock clock = new ManualClock();
    SwitchableDataSource switchable;
    Journal journal;
    CallJournal writes;
    CallHistory history;

    /** A fresh, empty database of the kind under test. */
    abstract JournalDatabase newDatabase();

    /** The same database again (after the journal was closed), for what must survive a restart. */
    abstract JournalDatabase reopenDatabase();

    @BeforeEach
    void open() {
        journal = open(newDatabase());
    }

    Journal open(JournalDatabase database) {
        switchable = new SwitchableDataSource(database.dataSource());
        Journal opened = Journal.open(new JournalDatabase(switchable, database.description(), database::close), 90,
                clock, CAPACITY);
        writes = opened.journal();
        history = opened.history();
        return opened;
    }

    @AfterEach
    void close() {
        journal.close();
    }

    // --- what a call leaves behind ------------------------------------------------------------------------------

    @Test
    void aWholeCallIsStoredAndItsStepsAreLinkedByCallUuidWithoutOurId() throws Exception {
        Call call = new Call();
        call.walk(false);

        CallDetail detail = history.find(call.id).orElseThrow();
        CallRecord record = detail.call();
        assertEquals(CallState.COMPLETED, record.state());
        assertEquals(Optional.of(CallOutcome.MESSAGE), record.outcome(), "associate busy, then the message");
        assertEquals(Optional.of("en"), record.language());
        assertEquals(Optional.of("message"), record.option());
        assertEquals(Optional.of("busy"), record.dialStatus());
        assertEquals(Optional.empty(), record.associateLeg());
        assertEquals(Optional.of("NORMAL_CLEARING"), record.hangupCause());
        assertEquals(Optional.of("Callee"), record.hangupSource());
        assertEquals(Optional.of(67), record.durationSeconds());
        assertEquals(Optional.of(60), record.billedSeconds());
        assertEquals(Optional.of(call.callUuid), record.callUuid());
        assertEquals(Optional.of(call.requestUuid), record.requestUuid());
        assertEquals(TO, record.to());
        assertEquals(FROM, record.from());
        assertEquals("operator", record.requestedBy());
        assertFalse(record.simulated());
        assertEquals(call.requestedAt, record.requestedAt());
        assertEquals(Optional.of(call.answeredAt), record.answeredAt());
        assertEquals(Optional.of(call.endedAt), record.endedAt());
        assertEquals(Call.TYPES, types(detail));
        CallEvent language = detail.events().get(3);
        assertEquals(Optional.of("en"), language.language());
        assertEquals(Optional.of("1"), language.detail());
        assertEquals(1, language.attempt());
        assertEquals(call.callUuid, language.parameters().get("CallUUID"));
        assertEquals("1", language.parameters().get("Digits"));
    }

    @Test
    void retriedAndReplayedRequestsStoreNothingTwice() throws Exception {
        Call call = new Call();
        call.walk(true);
        writes.requested(call.requested());

        CallDetail detail = history.find(call.id).orElseThrow();
        assertEquals(Call.TYPES, types(detail), "each step once");
        assertEquals(CallState.COMPLETED, detail.call().state());
        assertEquals(1, history.search(CallQuery.all()).calls().size());
    }

    @Test
    void stepsAreLinkedByTheRequestIdWhenTheAnswerStepIsMissing() throws Exception {
        Call call = new Call();
        writes.requested(call.requested());
        writes.placed(new CallPlaced(call.id, call.requestUuid, clock.instant()));
        writes.step(call.step(StepType.LANGUAGE, "en", "1", 1, Map.of("Digits", "1")));
        flush();

        CallDetail detail = history.find(call.id).orElseThrow();
        assertEquals(List.of("requested", "placed", "language"), types(detail));
        assertEquals(CallState.IN_PROGRESS, detail.call().state());
        assertEquals(Optional.of(call.callUuid), detail.call().callUuid());
    }

    @Test
    void stepsStoredBeforeTheirCallIsKnownAreLinkedLater() throws Exception {
        Call call = new Call();
        writes.requested(call.requested());
        // Another instance took the first key press before this one stored "placed".
        writes.step(call.step(StepType.LANGUAGE, "es", "2", 1, Map.of("Digits", "2")));
        flush();
        assertEquals(List.of("requested"), types(history.find(call.id).orElseThrow()));

        writes.placed(new CallPlaced(call.id, call.requestUuid, clock.instant()));
        flush();
        assertEquals(1, journal.writer().linkUnlinked());

        CallDetail detail = history.find(call.id).orElseThrow();
        assertEquals(List.of("requested", "language", "placed"), types(detail));
        assertEquals(Optional.of("es"), detail.call().language());
        assertEquals(CallState.IN_PROGRESS, detail.call().state());
        assertEquals(0, journal.writer().linkUnlinked(), "nothing left to link");
    }

    @Test
    void simulatedAndRefusedCalls() throws Exception {
        Call simulated = new Call();
        writes.requested(new CallRequested(simulated.id, "operator", TO, "simulator", true, clock.instant()));
        Call refused = new Call();
        writes.requested(refused.requested());
        writes.failed(new CallFailed(refused.id, "Plivo refused the number", false, clock.instant()));
        flush();

        assertTrue(history.find(simulated.id).orElseThrow().call().simulated());
        CallRecord failed = history.find(refused.id).orElseThrow().call();
        assertEquals(CallState.FAILED, failed.state());
        assertEquals(Optional.of(CallOutcome.FAILED), failed.outcome());
        assertEquals(Optional.of("Plivo refused the number"), failed.error());
        assertEquals(Optional.of(clock.instant()), failed.endedAt());
    }

    @Test
    void aCallWhosePlacingTimedOutFollowsItsWebhooksIfItExistsAfterAll() throws Exception {
        Call call = new Call();
        writes.requested(call.requested());
        writes.failed(new CallFailed(call.id, "Plivo did not answer within 10 s: the call may exist", true,
                clock.instant()));
        flush();
        assertEquals(CallState.FAILED, history.find(call.id).orElseThrow().call().state());

        writes.step(call.answered());
        flush();
        CallRecord record = history.find(call.id).orElseThrow().call();
        assertEquals(CallState.IN_PROGRESS, record.state());
        assertEquals(Optional.empty(), record.outcome());
    }

    @Test
    void aCallThatWasNeverAnsweredEndsNotAnswered() throws Exception {
        Call call = new Call();
        writes.requested(call.requested());
        writes.placed(new CallPlaced(call.id, call.requestUuid, clock.instant()));
        writes.ended(new CallEnded(call.parameters(true, Map.of("CallStatus", "no-answer", "HangupCause",
                "NO_ANSWER", "Duration", "0", "BillDuration", "0")), clock.instant()));
        flush();
        CallRecord record = history.find(call.id).orElseThrow().call();
        assertEquals(CallState.NOT_ANSWERED, record.state());
        assertEquals(Optional.of(CallOutcome.NOT_ANSWERED), record.outcome());
        assertEquals(Optional.of("NO_ANSWER"), record.hangupCause());
    }

    // --- availability -------------------------------------------------------------------------------------------

    @Test
    void aDatabaseOutageNeverReachesTheCallerAndNothingIsLostUncounted() throws Exception {
        Call call = new Call();
        writes.requested(call.requested());
        writes.placed(new CallPlaced(call.id, call.requestUuid, clock.instant()));
        flush();
        switchable.down();

        int sent = 0;
        writes.step(call.answered());
        sent++;
        for (int i = 0; i < 20; i++) {
            writes.step(call.step(StepType.INVALID, "en", "key" + i, 1, Map.of()));
            sent++;
        }
        awaitHealth(false);
        JournalHealth down = writes.health();
        assertEquals(sent, down.eventsNotStored(), "every step not stored is counted: " + down);
        assertEquals(0, down.eventsDropped(), "nothing lost yet: they wait in memory");
        assertThrows(JournalUnavailableException.class, () -> writes.requested(new Call().requested()),
                "a new call is refused, not placed without a record");
        assertThrows(JournalUnavailableException.class, () -> writes.ended(new CallEnded(call.parameters(true,
                Map.of("HangupCause", "NORMAL_CLEARING")), clock.instant())), "Plivo is told to retry the hangup");

        // A long outage: memory is bounded; what does not fit is dropped and counted, never blocking a caller.
        for (int i = 0; i < 2 * CAPACITY; i++) {
            writes.step(call.step(StepType.INVALID, "es", "more" + i, 2, Map.of()));
            sent++;
        }
        JournalHealth full = writes.health();
        assertTrue(full.eventsDropped() > 0, "dropped when full: " + full);
        assertEquals(sent, full.eventsNotStored(), "waiting + dropped = everything not stored: " + full);

        switchable.up();
        flush();
        JournalHealth back = writes.health();
        assertTrue(back.up());
        assertEquals(0, back.eventsWaiting(), "everything that waited was stored");
        assertEquals(full.eventsDropped(), back.eventsDropped(), "the count of lost events stays visible");
        int stored = history.find(call.id).orElseThrow().events().size() - 2; // requested, placed
        assertEquals(sent, stored + back.eventsDropped(), "stored + dropped = sent");

        writes.ended(new CallEnded(call.parameters(true, Map.of("HangupCause", "NORMAL_CLEARING")),
                clock.instant()));
        assertEquals("hangup", last(history.find(call.id).orElseThrow()), "the retry is committed at once");
        flush();
        assertEquals(CallState.COMPLETED, history.find(call.id).orElseThrow().call().state(), "and the row follows");
    }

    @Test
    void aHangupCommittedWhileTheQueueIsFullStillEndsItsCallsRow() throws Exception {
        Call call = new Call();
        writes.requested(call.requested());
        writes.placed(new CallPlaced(call.id, call.requestUuid, clock.instant()));
        writes.step(call.answered());
        flush();
        CountDownLatch writerHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // A listener runs on the writer thread: holding it there keeps the queue from draining.
        try (AutoCloseable hold = history.subscribe(() -> {
            writerHeld.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            writes.step(call.step(StepType.LANGUAGE, "en", "1", 1, Map.of("Digits", "1")));
            assertTrue(writerHeld.await(30, TimeUnit.SECONDS));
            Call other = new Call(); // steps of the call itself would derive its row again anyway
            for (int i = 0; i < CAPACITY; i++) {
                writes.step(other.step(StepType.INVALID, "en", "key" + i, 2, Map.of()));
            }
            // Calls committed meanwhile take the queue's places for markers, up to the last one.
            for (int i = 0; i < WriteBehindJournal.MARKER_ROOM; i++) {
                writes.requested(new Call().requested());
            }
            writes.ended(new CallEnded(call.parameters(true, Map.of("CallStatus", "completed", "HangupCause",
                    "NORMAL_CLEARING", "Duration", "42")), clock.instant()));
            assertEquals("hangup", last(history.find(call.id).orElseThrow()), "committed before the answer");
            release.countDown();
        }
        flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (history.find(call.id).orElseThrow().call().state() != CallState.COMPLETED) {
            assertTrue(System.nanoTime() < deadline, "the call's row never showed its end: "
                    + history.find(call.id).orElseThrow().call());
            flush();
            Thread.sleep(50);
        }
        assertEquals(Optional.of(42), history.find(call.id).orElseThrow().call().durationSeconds());
    }

    @Test
    void whatIsWaitingAtShutdownIsStoredAndTheWriterStops() throws Exception {
        Call call = new Call();
        writes.requested(call.requested());
        writes.step(call.answered());
        writes.step(call.step(StepType.LANGUAGE, "en", "1", 1, Map.of("Digits", "1")));
        WriteBehindJournal writer = journal.writer();
        journal.close();
        assertFalse(writer.writerAlive(), "no thread left behind");

        journal = open(reopenDatabase());
        assertEquals(List.of("requested", "answered", "language"), types(history.find(call.id).orElseThrow()));
    }

    // --- retention and schema -----------------------------------------------------------------------------------

    @Test
    void retentionDeletesCallsOlderThanTheRetentionPeriodWithTheirSteps() throws Exception {
        Call old = new Call();
        old.walk(false);
        clock.advance(Duration.ofDays(89));
        Call recent = new Call();
        writes.requested(recent.requested());
        clock.advance(Duration.ofDays(2));

        assertEquals(1, journal.purgeExpired());
        assertEquals(Optional.empty(), history.find(old.id));
        assertTrue(history.find(recent.id).isPresent());
        assertTrue(history.eventsAfter(0, 1000).stream().allMatch(e -> e.callId().equals(recent.id)),
                "no step of the old call is left");
        assertEquals(0, journal.purgeExpired(), "nothing more to delete");
    }

    @Test
    void aDatabaseMigratedByANewerReleaseIsRefusedUntouched() {
        journal.close();
        JournalDatabase database = reopenDatabase();
        try {
            JournalSchema.migrate(database.dataSource(), "test", JournalSchema.LOCATION,
                    "classpath:db/journal-future");
        } finally {
            database.close();
        }
        JournalStartupException refused = assertThrows(JournalStartupException.class,
                () -> journal = open(reopenDatabase()));
        assertTrue(refused.getMessage().contains("newer release"), refused.getMessage());
        assertTrue(refused.getMessage().contains("999"), refused.getMessage());
        journal = open(newDatabase());
    }

    // --- the read side ------------------------------------------------------------------------------------------

    @Test
    void searchFiltersAndPagesNewestFirst() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Call call = new Call();
            writes.requested(new CallRequested(call.id, "operator", i % 3 == 0 ? "+14155550999" : TO, FROM, false,
                    clock.instant()));
            ids.add(0, call.id);
            clock.advance(Duration.ofMinutes(1));
        }
        writes.failed(new CallFailed(ids.get(1), "refused", false, clock.instant()));
        flush();

        CallPage first = history.search(query(Optional.empty(), 3, Optional.empty()));
        assertEquals(ids.subList(0, 3), idsOf(first));
        CallPage second = history.search(query(Optional.empty(), 3, first.next()));
        assertEquals(ids.subList(3, 6), idsOf(second));
        CallPage last = history.search(query(Optional.empty(), 3, second.next()));
        assertEquals(ids.subList(6, 7), idsOf(last));
        assertEquals(Optional.empty(), last.next());

        assertEquals(List.of(ids.get(0), ids.get(3), ids.get(6)),
                idsOf(history.search(query(Optional.of("+14155550999"), 50, Optional.empty()))));
        Instant start = clock.instant().minus(Duration.ofMinutes(7));
        CallPage window = history.search(new CallQuery(Optional.empty(), Optional.of(start.plusSeconds(60)),
                Optional.of(start.plusSeconds(180)), Optional.empty(), Optional.empty(), 50, Optional.empty()));
        assertEquals(ids.subList(4, 6), idsOf(window), "since inclusive, until exclusive");
        CallPage failed = history.search(new CallQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(CallState.FAILED), Optional.of(CallOutcome.FAILED), 50, Optional.empty()));
        assertEquals(List.of(ids.get(1)), idsOf(failed));

        assertThrows(IllegalArgumentException.class,
                () -> history.search(query(Optional.empty(), 3, Optional.of("not-a-cursor"))));
    }

    @Test
    void theFunnelCountsHowFarTheCallsOfAPeriodGot() throws Exception {
        Instant since = clock.instant();
        new Call().walk(false); // en, associate busy, then the message
        Call connected = new Call();
        writes.requested(connected.requested());
        writes.placed(new CallPlaced(connected.id, connected.requestUuid, clock.instant()));
        writes.step(connected.answered());
        writes.step(connected.step(StepType.LANGUAGE, "es", "2", 1, Map.of("Digits", "2")));
        writes.step(connected.step(StepType.OPTION, "es", "associate", 1, Map.of("Digits", "2")));
        writes.step(connected.step(StepType.DIAL_ENDED, "es", "completed", 1, Map.of("DialStatus", "completed",
                "DialBLegUUID", "b-leg-1")));
        Call ringing = new Call();
        writes.requested(ringing.requested());
        writes.placed(new CallPlaced(ringing.id, ringing.requestUuid, clock.instant()));
        Call refused = new Call();
        writes.requested(refused.requested());
        writes.failed(new CallFailed(refused.id, "refused", false, clock.instant()));
        flush();

        Funnel funnel = history.funnel(since, clock.instant().plusSeconds(1));
        assertEquals(3, funnel.placed());
        assertEquals(2, funnel.answered());
        assertEquals(Map.of("en", 1L, "es", 1L), funnel.languages());
        assertEquals(Map.of("message", 1L, "associate", 1L), funnel.options());
        assertEquals(1, funnel.associateConnected());
        assertEquals(0, funnel.simulated());
        assertEquals(Optional.of("b-leg-1"), history.find(connected.id).orElseThrow().call().associateLeg());
        assertEquals(0, history.funnel(since.minusSeconds(60), since).placed(), "another period");
    }

    @Test
    void liveCallsAreThoseNotEndedNewestFirst() throws Exception {
        Call ended = new Call();
        ended.walk(false);
        Call ringing = new Call();
        writes.requested(ringing.requested());
        writes.placed(new CallPlaced(ringing.id, ringing.requestUuid, clock.instant()));
        clock.advance(Duration.ofSeconds(1));
        Call talking = new Call();
        writes.requested(talking.requested());
        writes.step(talking.answered());
        flush();

        List<CallRecord> live = history.live(10);
        assertEquals(List.of(talking.id, ringing.id), live.stream().map(CallRecord::id).toList());
        assertEquals(CallState.RINGING, live.get(1).state());
        clock.advance(Duration.ofHours(5));
        assertEquals(List.of(), history.live(10), "a call cannot ring for hours: its end was lost");
    }

    @Test
    void newEventsAreAnnouncedAndReadAfterTheLastOneSeen() throws Exception {
        Call call = new Call();
        writes.requested(call.requested());
        flush();
        long seen = history.lastEventId();
        assertTrue(seen > 0);
        CountDownLatch announced = new CountDownLatch(1);
        try (AutoCloseable subscription = history.subscribe(announced::countDown)) {
            writes.step(call.answered());
            assertTrue(announced.await(10, TimeUnit.SECONDS), "listener called after the batch was stored");
        }
        List<CallEvent> after = history.eventsAfter(seen, 100);
        assertEquals(List.of("answered"), after.stream().map(CallEvent::type).toList());
        assertEquals(call.id, after.get(0).callId());
        assertEquals(after.get(0).id(), history.lastEventId());
        assertEquals(List.of(), history.eventsAfter(history.lastEventId(), 100));
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    void flush() throws InterruptedException {
        assertTrue(journal.writer().flush(Duration.ofSeconds(30)), "the writer did not catch up");
    }

    void awaitHealth(boolean up) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (writes.health().up() != up) {
            assertTrue(System.nanoTime() < deadline, "health never became " + (up ? "UP" : "DOWN"));
            Thread.sleep(20);
        }
    }

    static CallQuery query(Optional<String> number, int limit, Optional<String> after) {
        return new CallQuery(number, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), limit,
                after);
    }

    static List<String> idsOf(CallPage page) {
        return page.calls().stream().map(CallRecord::id).toList();
    }

    static String last(CallDetail detail) {
        return detail.events().get(detail.events().size() - 1).type();
    }

    static List<String> types(CallDetail detail) {
        return detail.events().stream().map(CallEvent::type).toList();
    }

    /** One call and what Plivo would send about it. */
    final class Call {

        static final List<String> TYPES = List.of("requested", "placed", "answered", "language", "menu", "option",
                "dial", "dial-ended", "option", "hangup");

        final String id = UUID.randomUUID().toString();
        final String callUuid = UUID.randomUUID().toString();
        final String requestUuid = UUID.randomUUID().toString();
        Instant requestedAt;
        Instant answeredAt;
        Instant endedAt;

        CallRequested requested() {
            if (requestedAt == null) {
                requestedAt = clock.instant();
            }
            return new CallRequested(id, "operator", TO, FROM, false, requestedAt);
        }

        PlivoCallParameters parameters(boolean withOurId, Map<String, String> extra) {
            Map<String, String> values = new HashMap<>(Map.of("CallUUID", callUuid, "ALegRequestUUID", requestUuid,
                    "From", FROM, "To", TO, "Direction", "outbound", "CallStatus", "in-progress"));
            values.putAll(extra);
            return new PlivoCallParameters(withOurId ? Optional.of(id) : Optional.empty(), values);
        }

        CallStep answered() {
            return new CallStep(StepType.ANSWERED, Optional.empty(), Optional.empty(), 1, parameters(true, Map.of()),
                    clock.instant());
        }

        /** A step after the answer: Plivo sends no call id of ours. */
        CallStep step(StepType type, String language, String detail, int attempt, Map<String, String> extra) {
            return new CallStep(type, Optional.ofNullable(language), Optional.ofNullable(detail), attempt,
                    parameters(false, extra), clock.instant());
        }

        /**
         * English, associate (busy), then the recorded message, hung up after 67 s; the hangup is committed BEFORE
         * the steps written behind are stored, as happens under load.
         */
        void walk(boolean twice) throws Exception {
            int times = twice ? 2 : 1;
            for (int i = 0; i < times; i++) {
                writes.requested(requested());
            }
            List<Runnable> steps = new ArrayList<>();
            steps.add(() -> writes.placed(new CallPlaced(id, requestUuid, clock.instant())));
            steps.add(() -> {
                answeredAt = answeredAt == null ? clock.instant() : answeredAt;
                writes.step(new CallStep(StepType.ANSWERED, Optional.empty(), Optional.empty(), 1,
                        parameters(true, Map.of()), answeredAt));
            });
            steps.add(() -> writes.step(step(StepType.LANGUAGE, "en", "1", 1, Map.of("Digits", "1"))));
            steps.add(() -> writes.step(step(StepType.MENU, "en", null, 1, Map.of())));
            steps.add(() -> writes.step(step(StepType.OPTION, "en", "associate", 1, Map.of("Digits", "2"))));
            steps.add(() -> writes.step(step(StepType.DIAL, "en", "+14155550199", 1, Map.of("Digits", "2"))));
            steps.add(() -> writes.step(step(StepType.DIAL_ENDED, "en", "busy", 1, Map.of("DialStatus", "busy"))));
            steps.add(() -> writes.step(step(StepType.OPTION, "en", "message", 2, Map.of("Digits", "1"))));
            Instant start = clock.instant();
            for (int i = 0; i < times; i++) {
                // A retry carries the same parameters; only the time it arrives differs.
                clock.advance(Duration.between(clock.instant(), start));
                for (Runnable step : steps) {
                    clock.advance(Duration.ofSeconds(1));
                    step.run();
                }
            }
            clock.advance(Duration.ofSeconds(1));
            endedAt = endedAt == null ? clock.instant() : endedAt;
            for (int i = 0; i < times; i++) {
                writes.ended(new CallEnded(parameters(true, Map.of("CallStatus", "completed", "HangupCause",
                        "NORMAL_CLEARING", "HangupSource", "Callee", "Duration", "67", "BillDuration", "60")),
                        endedAt));
            }
            flush();
        }
    }
}
