package com.inspireworks.ivr.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.journal.CallEnded;
import com.inspireworks.ivr.journal.CallFailed;
import com.inspireworks.ivr.journal.CallJournal;
import com.inspireworks.ivr.journal.CallPlaced;
import com.inspireworks.ivr.journal.CallRequested;
import com.inspireworks.ivr.journal.CallStep;
import com.inspireworks.ivr.journal.JournalUnavailableException;
import com.inspireworks.ivr.support.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one door: what reaches a gateway, what reaches the journal, and in which order. */
class OutboundCallerTest {

    static final String PLIVO_NUMBER = "+14155550100";

    final ManualClock clock = new ManualClock();
    /** Everything that happened, in order: journal writes and gateway requests. */
    final List<String> happened = new ArrayList<>();
    final RecordingGateway plivo = new RecordingGateway("plivo");
    final RecordingGateway simulator = new RecordingGateway("simulator");
    final RecordingJournal journal = new RecordingJournal();

    OutboundCaller caller(Optional<CallGateway> plivoGateway, Optional<String> from, List<String> missing,
            int perMinute) {
        CallUrls urls = new CallUrls() {
            @Override
            public String answerUrl(String callId) {
                return "https://ivr.example.com/ivr/welcome?call=" + callId;
            }

            @Override
            public String hangupUrl(String callId) {
                return "https://ivr.example.com/ivr/hangup?call=" + callId;
            }
        };
        return new OutboundCaller(plivoGateway, simulator, from, urls, Duration.ofMinutes(30), missing,
                new DestinationPolicy(Set.of()), new CallRateLimiter(perMinute, 1000, clock), journal, clock);
    }

    OutboundCaller configured() {
        return caller(Optional.of(plivo), Optional.of(PLIVO_NUMBER), List.of(), 5);
    }

    @Test
    void theCallIsJournaledBeforeTheGatewayIsAskedOnceWithUrlsCarryingItsId() {
        CallResult result = configured().call("ana", "+1 (415) 555-0123", CallRoute.PLIVO);
        CallResult.Placed placed = assertInstanceOf(CallResult.Placed.class, result);
        assertEquals("+14155550123", placed.to());
        assertEquals(CallRoute.PLIVO, placed.route());
        assertEquals(List.of("journal requested " + placed.callId(), "plivo " + placed.callId(),
                "journal placed " + placed.callId() + " " + placed.requestUuid()), happened);

        CallRequest sent = plivo.requests.get(0);
        assertEquals(PLIVO_NUMBER, sent.from());
        assertEquals("+14155550123", sent.to());
        assertEquals("https://ivr.example.com/ivr/welcome?call=" + placed.callId(), sent.answerUrl());
        assertEquals("https://ivr.example.com/ivr/hangup?call=" + placed.callId(), sent.hangupUrl());
        assertEquals(Duration.ofMinutes(30), sent.timeLimit());

        CallRequested requested = journal.requested.get(0);
        assertEquals("ana", requested.requestedBy());
        assertEquals(PLIVO_NUMBER, requested.from());
        assertFalse(requested.simulated());
        assertEquals(clock.instant(), requested.at());
    }

    @Test
    void everyCallGetsItsOwnId() {
        OutboundCaller caller = configured();
        String first = ((CallResult.Placed) caller.call("ana", "+14155550123", CallRoute.PLIVO)).callId();
        String second = ((CallResult.Placed) caller.call("ana", "+14155550123", CallRoute.PLIVO)).callId();
        assertFalse(first.equals(second));
        assertTrue(first.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), first);
    }

    @Test
    void badNumbersAndRefusedDestinationsReachNeitherGatewayNorJournal() {
        OutboundCaller caller = configured();
        for (CallRoute route : CallRoute.values()) {
            CallResult.Rejected invalid = assertInstanceOf(CallResult.Rejected.class,
                    caller.call("ana", "4155550123", route));
            assertEquals("Include the country code, starting with + (for example +14155550123).", invalid.message());
            CallResult.Rejected premium = assertInstanceOf(CallResult.Rejected.class,
                    caller.call("ana", "+1 900 234 5678", route));
            assertTrue(premium.message().contains("premium-rate"), premium.message());
        }
        assertEquals(List.of(), happened);
    }

    @Test
    void simulatedCallsObeyTheSameLimitsAsRealOnes() {
        OutboundCaller caller = caller(Optional.of(plivo), Optional.of(PLIVO_NUMBER), List.of(), 2);
        assertInstanceOf(CallResult.Placed.class, caller.call("ana", "+14155550123", CallRoute.SIMULATOR));
        assertInstanceOf(CallResult.Placed.class, caller.call("ana", "+14155550123", CallRoute.PLIVO));
        CallResult.RateLimited limited = assertInstanceOf(CallResult.RateLimited.class,
                caller.call("ana", "+14155550123", CallRoute.SIMULATOR));
        assertTrue(limited.message().contains("ivr.max-calls-per-minute"), limited.message());
        assertEquals(Duration.ofSeconds(60), limited.retryAfter());
        assertEquals(1, simulator.requests.size());
        assertEquals(1, plivo.requests.size());
    }

    @Test
    void withoutAPlivoAccountRealCallsAreUnavailableAndTheSimulatorIsTheDefault() {
        OutboundCaller caller = caller(Optional.empty(), Optional.empty(),
                List.of("plivo.auth-id", "plivo.auth-token", "plivo.phone-number"), 5);
        assertFalse(caller.canPlaceRealCalls());
        assertEquals(CallRoute.SIMULATOR, caller.defaultRoute());
        CallResult.Unavailable real = assertInstanceOf(CallResult.Unavailable.class,
                caller.call("ana", "+14155550123", CallRoute.PLIVO));
        assertTrue(real.message().contains("plivo.auth-id, plivo.auth-token, plivo.phone-number"), real.message());
        assertEquals(List.of(), happened);

        CallResult.Placed simulated = assertInstanceOf(CallResult.Placed.class,
                caller.call("ana", "+14155550123", caller.defaultRoute()));
        assertEquals(CallRoute.SIMULATOR, simulated.route());
        assertEquals(OutboundCaller.SIMULATOR_CALLER_ID, simulator.requests.get(0).from());
        assertTrue(journal.requested.get(0).simulated());
    }

    @Test
    void whenTheJournalCannotRecordTheCallNoGatewayIsAsked() {
        journal.down = true;
        CallResult.Unavailable unavailable = assertInstanceOf(CallResult.Unavailable.class,
                configured().call("ana", "+14155550123", CallRoute.PLIVO));
        assertTrue(unavailable.message().contains("no call was placed"), unavailable.message());
        assertTrue(plivo.requests.isEmpty());
    }

    @Test
    void aRefusalIsJournaledAsFailedAndAnUncertainOneSaysSo() {
        OutboundCaller caller = configured();
        plivo.failWith = new CallFailedException(CallFailedException.Kind.NOT_PLACED, "Plivo refused the call: x");
        CallResult.Failed refused = assertInstanceOf(CallResult.Failed.class,
                caller.call("ana", "+14155550123", CallRoute.PLIVO));
        assertFalse(refused.outcomeUnknown());
        assertEquals("Plivo refused the call: x", journal.failed.get(0).error());
        assertEquals(refused.callId(), journal.failed.get(0).callId());

        plivo.failWith = new CallFailedException(CallFailedException.Kind.OUTCOME_UNKNOWN, "timeout");
        CallResult.Failed unknown = assertInstanceOf(CallResult.Failed.class,
                caller.call("ana", "+14155550123", CallRoute.PLIVO));
        assertTrue(unknown.outcomeUnknown());
        assertTrue(journal.failed.get(1).outcomeUnknown());
        assertEquals(2, plivo.requests.size(), "each request was sent once, never retried");
    }

    @Test
    void aFullSimulatorIsUnavailableNotAFailure() {
        simulator.failWith = new CallFailedException(CallFailedException.Kind.AT_CAPACITY, "Too many simulated calls");
        CallResult.Unavailable full = assertInstanceOf(CallResult.Unavailable.class,
                configured().call("ana", "+14155550123", CallRoute.SIMULATOR));
        assertEquals("Too many simulated calls", full.message());
    }

    final class RecordingGateway implements CallGateway {
        final String name;
        final List<CallRequest> requests = new ArrayList<>();
        CallFailedException failWith;

        RecordingGateway(String name) {
            this.name = name;
        }

        @Override
        public String placeCall(CallRequest request) throws CallFailedException {
            requests.add(request);
            happened.add(name + " " + request.callId());
            if (failWith != null) {
                throw failWith;
            }
            return name + "-request-" + requests.size();
        }
    }

    final class RecordingJournal implements CallJournal {
        final List<CallRequested> requested = new ArrayList<>();
        final List<CallFailed> failed = new ArrayList<>();
        boolean down;

        @Override
        public void requested(CallRequested call) throws JournalUnavailableException {
            if (down) {
                throw new JournalUnavailableException("database down", null);
            }
            requested.add(call);
            happened.add("journal requested " + call.callId());
        }

        @Override
        public void placed(CallPlaced call) {
            happened.add("journal placed " + call.callId() + " " + call.requestUuid());
        }

        @Override
        public void failed(CallFailed call) {
            failed.add(call);
            happened.add("journal failed " + call.callId());
        }

        @Override
        public void step(CallStep step) {
        }

        @Override
        public void ended(CallEnded call) {
        }
    }
}
