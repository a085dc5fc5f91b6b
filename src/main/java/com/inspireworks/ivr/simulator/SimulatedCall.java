package com.inspireworks.ivr.simulator;

import com.inspireworks.ivr.simulator.PlivoElement.Dial;
import com.inspireworks.ivr.simulator.PlivoElement.GetDigits;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One call in the simulator: who is called, where the call is in its current Plivo document, what it waits for,
 * and its transcript. The {@link PlivoXmlInterpreter} moves it forward; {@link CallSimulator} makes sure only one
 * thread at a time does (every method here is called under the call's own monitor).
 */
public final class SimulatedCall {

    /** The call's life, as the phone page shows it. */
    public enum State { RINGING, IN_PROGRESS, ENDED }

    /** What the call needs from the person testing it before it can go on. */
    public enum Awaiting {
        /** Answer or decline the ringing phone. */
        ANSWER,
        /** Press keys or stay silent: a GetDigits is listening. */
        KEYS,
        /** Choose how the associate's phone answers: a Dial is ringing. */
        DIAL_OUTCOME,
        /** Something plays endlessly (loop="0"): only hanging up ends it. */
        HANG_UP,
        /** Nothing: the call has ended. */
        NOTHING
    }

    private final String id;
    private final String callUuid;
    private final String requestUuid;
    private final String from;
    private final String to;
    private final String answerUrl;
    private final String hangupUrl;
    private final Instant createdAt;
    private final CallTranscript transcript;

    private State state = State.RINGING;
    private Awaiting awaiting = Awaiting.ANSWER;
    private Instant answeredAt;
    private Instant endedAt;
    private String endReason;
    private Instant lastActivity;
    private boolean hangupReported;

    private List<PlivoElement> document = List.of();
    private int next;
    private GetDigits listening;
    private final StringBuilder keys = new StringBuilder();
    private int retriesLeft;
    private Dial dialing;
    private int redirectsSinceCaller;

    SimulatedCall(String id, String callUuid, String requestUuid, String from, String to, String answerUrl,
            String hangupUrl, Clock clock, int transcriptLimit) {
        this.id = Objects.requireNonNull(id);
        this.callUuid = Objects.requireNonNull(callUuid);
        this.requestUuid = Objects.requireNonNull(requestUuid);
        this.from = Objects.requireNonNull(from);
        this.to = Objects.requireNonNull(to);
        this.answerUrl = Objects.requireNonNull(answerUrl);
        this.hangupUrl = Objects.requireNonNull(hangupUrl);
        this.createdAt = clock.instant();
        this.lastActivity = createdAt;
        this.transcript = new CallTranscript(clock, transcriptLimit);
    }

    public String id() {
        return id;
    }

    /** A consistent copy of everything the phone page shows. */
    public synchronized CallView view() {
        return new CallView(id, callUuid, requestUuid, from, to, state, awaiting, keys.toString(),
                dialing == null ? List.of() : dialing.numbers(), endReason, createdAt, transcript.events());
    }

    /** The parameters Plivo sends with every request about this call. */
    Map<String, String> callParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("CallUUID", callUuid);
        parameters.put("From", from);
        parameters.put("To", to);
        parameters.put("Direction", "outbound");
        parameters.put("CallStatus", state == State.ENDED ? "completed" : "in-progress");
        parameters.put("ALegUUID", callUuid);
        parameters.put("ALegRequestUUID", requestUuid);
        parameters.put("RequestUUID", requestUuid);
        return parameters;
    }

    CallTranscript transcript() {
        return transcript;
    }

    State state() {
        return state;
    }

    Awaiting awaiting() {
        return awaiting;
    }

    String to() {
        return to;
    }

    /** Where Plivo fetches the first document (given with the create-call request). */
    String answerUrl() {
        return answerUrl;
    }

    /** Where Plivo reports the end of the call. */
    String hangupUrl() {
        return hangupUrl;
    }

    String callUuid() {
        return callUuid;
    }

    Instant createdAt() {
        return createdAt;
    }

    Optional<Instant> answeredAt() {
        return Optional.ofNullable(answeredAt);
    }

    Optional<Instant> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    Instant lastActivity() {
        return lastActivity;
    }

    void touch(Instant now) {
        lastActivity = now;
    }

    void answered(Instant now) {
        state = State.IN_PROGRESS;
        awaiting = Awaiting.NOTHING;
        answeredAt = now;
    }

    void ended(Instant now, String reason) {
        state = State.ENDED;
        awaiting = Awaiting.NOTHING;
        endedAt = now;
        endReason = reason;
        listening = null;
        dialing = null;
        keys.setLength(0);
    }

    /** True the first time only: the hangup URL is told exactly once. */
    boolean claimHangupReport() {
        boolean first = !hangupReported;
        hangupReported = true;
        return first;
    }

    void load(List<PlivoElement> elements) {
        document = List.copyOf(elements);
        next = 0;
    }

    /** The next element of the current document, or empty at its end. */
    Optional<PlivoElement> nextElement() {
        return next < document.size() ? Optional.of(document.get(next++)) : Optional.empty();
    }

    void listen(GetDigits getDigits) {
        listening = getDigits;
        keys.setLength(0);
        retriesLeft = getDigits.retries() - 1;   // retries counts tries in all: the first is playing now
        awaiting = Awaiting.KEYS;
    }

    GetDigits listening() {
        return listening;
    }

    String keys() {
        return keys.toString();
    }

    void addKey(char key) {
        keys.append(key);
    }

    void clearKeys() {
        keys.setLength(0);
    }

    int retriesLeft() {
        return retriesLeft;
    }

    void useRetry() {
        retriesLeft--;
    }

    void stopListening() {
        listening = null;
        keys.setLength(0);
        awaiting = Awaiting.NOTHING;
    }

    void dial(Dial dial) {
        dialing = dial;
        awaiting = Awaiting.DIAL_OUTCOME;
    }

    Dial dialing() {
        return dialing;
    }

    void stopDialing() {
        dialing = null;
        awaiting = Awaiting.NOTHING;
    }

    void playForever() {
        awaiting = Awaiting.HANG_UP;
    }

    /** Counts a Redirect; the caller's own actions reset the count. */
    int countRedirect() {
        return ++redirectsSinceCaller;
    }

    void callerActed() {
        redirectsSinceCaller = 0;
    }
}
