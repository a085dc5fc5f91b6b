package com.inspireworks.ivr.simulator;

import com.inspireworks.ivr.simulator.PlivoElement.Dial;
import com.inspireworks.ivr.simulator.PlivoElement.GetDigits;
import com.inspireworks.ivr.simulator.PlivoElement.Prompt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One call in the simulator: who is called, where the call is in its current Plivo document, what it is doing now
 * and until when, and its transcript. The {@link PlivoXmlInterpreter} moves it forward; {@link CallSimulator} makes
 * sure only one thread at a time does.
 *
 * <p>Time: the call has its own clock, the simulator's clock plus everything fast-forward skipped, so the transcript
 * and the durations reported to the hangup URL are those of a real call. {@link #now()} is the instant the current
 * step happens at: a deadline that passed is handled at its own instant, not at the moment a thread got to it.
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
        /** Something plays endlessly (loop="0"): only hanging up (or the call's time limit) ends it. */
        HANG_UP,
        /** Nothing: the call goes on by itself, or has ended. */
        NOTHING
    }

    /** What the call is doing; each activity but {@code IDLE} and {@code ENDED} lasts until a deadline. */
    enum Activity {
        /** The phone rings until it is answered, declined or the ring timeout passes. */
        RINGING,
        /** Between elements: the interpreter runs the next one. */
        IDLE,
        /** A Speak, Play or Wait outside GetDigits. */
        HEARING,
        /** GetDigits plays one of its prompts; keys count. */
        PROMPTING,
        /** GetDigits waits for the first key ({@code timeout}). */
        FIRST_KEY,
        /** GetDigits waits for the next key ({@code digitTimeout}). */
        NEXT_KEY,
        /** A Dial rings the other party. */
        DIALING,
        ENDED
    }

    private final String id;
    private final String owner;
    private final String callUuid;
    private final String requestUuid;
    private final String from;
    private final String to;
    private final String answerUrl;
    private final String hangupUrl;
    private final Duration timeLimit;
    private final Clock clock;
    private final Instant createdAt;
    private final CallTranscript transcript;

    private Duration skipped = Duration.ZERO;
    private Instant step;

    private State state = State.RINGING;
    private Activity activity = Activity.RINGING;
    private Instant activityStart;
    private Instant dueAt;
    private String dueWhat;
    private long soundEvent;
    private boolean soundIsAudio;
    private int soundLoop;

    private Instant endsAt;
    private String endsWhy;
    private String endsCause;
    private String endsSource;

    private Instant answeredAt;
    private Instant endedAt;
    private String endReason;
    private boolean hangupReported;

    private List<PlivoElement> document = List.of();
    private int next;
    private GetDigits listening;
    private final Deque<Prompt> promptsLeft = new ArrayDeque<>();
    private final StringBuilder keys = new StringBuilder();
    private int tryNumber;
    private long tries;
    private Dial dialing;
    private int redirectsSinceCaller;

    SimulatedCall(String id, String owner, String callUuid, String requestUuid, String from, String to,
            String answerUrl, String hangupUrl, Duration timeLimit, Clock clock, int transcriptLimit) {
        this.id = Objects.requireNonNull(id);
        this.owner = Objects.requireNonNull(owner);
        this.callUuid = Objects.requireNonNull(callUuid);
        this.requestUuid = Objects.requireNonNull(requestUuid);
        this.from = Objects.requireNonNull(from);
        this.to = Objects.requireNonNull(to);
        this.answerUrl = Objects.requireNonNull(answerUrl);
        this.hangupUrl = Objects.requireNonNull(hangupUrl);
        this.timeLimit = Objects.requireNonNull(timeLimit);
        this.clock = Objects.requireNonNull(clock);
        this.createdAt = clock.instant();
        this.step = createdAt;
        this.activityStart = createdAt;
        this.transcript = new CallTranscript(this::now, transcriptLimit);
    }

    public String id() {
        return id;
    }

    /** The operator who placed the call; nobody else may see or act on it. */
    public String owner() {
        return owner;
    }

    /** A consistent copy of everything the phone page shows, as of now. */
    CallView view() {
        Optional<CallView.Countdown> countdown = nextDue().map(due -> new CallView.Countdown(
                due.equals(dueAt) ? dueWhat : endsWhy, wallTime(due),
                Duration.between(due.equals(dueAt) ? activityStart : answeredAt, due)));
        return new CallView(id, callUuid, requestUuid, from, to, state, awaiting(), keys.toString(),
                dialing == null ? List.of() : dialing.numbers(), endReason, createdAt,
                Optional.ofNullable(answeredAt).map(this::wallTime), Optional.ofNullable(endedAt).map(this::wallTime),
                countdown, clock.instant(), 0, transcript.events());
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

    // --- time ------------------------------------------------------------------------------------------------------

    /** The instant the current step happens at, on the call's clock. */
    Instant now() {
        return step;
    }

    /** The call's clock: the simulator's clock plus everything fast-forward skipped. */
    Instant clockNow() {
        return clock.instant().plus(skipped);
    }

    /** The current step happens at {@code at} (never earlier than the step before). */
    void stepTo(Instant at) {
        if (at.isAfter(step)) {
            step = at;
        }
    }

    /** The current step happens now: after a request to the application, or when the person acts. */
    void catchUp() {
        stepTo(clockNow());
    }

    /** Fast-forward: the call's clock jumps to {@code at} (never back). */
    void skipTo(Instant at) {
        Instant current = clockNow();
        if (at.isAfter(current)) {
            skipped = skipped.plus(Duration.between(current, at));
        }
    }

    /** The simulator-clock instant at which the call's clock shows {@code callTime}. */
    Instant wallTime(Instant callTime) {
        return callTime.minus(skipped);
    }

    /** The next deadline of the call: its current activity's end, or its time limit, whichever comes first. */
    Optional<Instant> nextDue() {
        if (state == State.ENDED) {
            return Optional.empty();
        }
        if (dueAt == null) {
            return Optional.ofNullable(endsAt);
        }
        return Optional.of(endsAt == null || dueAt.isBefore(endsAt) ? dueAt : endsAt);
    }

    /** Whether the next deadline is the end of the call (time limit or a scheduled Hangup). */
    boolean endIsDue() {
        return endsAt != null && (dueAt == null || !endsAt.isAfter(dueAt));
    }

    /** Does {@code activity} from now on, until {@code until} (null: until something else ends it). */
    void begin(Activity activity, Instant until, String what) {
        this.activity = activity;
        this.activityStart = step;
        this.dueAt = until;
        this.dueWhat = what;
        this.soundEvent = 0;
    }

    /** The activity is a sound: transcript event {@code event}; an audio file's length may still be corrected. */
    void sounding(TranscriptEvent event, boolean audio, int loop) {
        this.soundEvent = event.sequence();
        this.soundIsAudio = audio;
        this.soundLoop = loop;
    }

    /** The audio file of transcript event {@code event}, if it is playing now. */
    boolean playingAudio(long event) {
        return soundEvent == event && soundIsAudio && dueAt != null
                && (activity == Activity.HEARING || activity == Activity.PROMPTING);
    }

    /** The audio playing now lasts {@code once} per loop; it started at the activity's start. */
    Instant correctAudioLength(Duration once) {
        dueAt = activityStart.plus(Timing.times(once, soundLoop));
        return dueAt;
    }

    /** The call ends at {@code at} with this reason, unless something ends it earlier. */
    void endAt(Instant at, String why, String cause, String source) {
        if (endsAt == null || at.isBefore(endsAt)) {
            endsAt = at;
            endsWhy = why;
            endsCause = cause;
            endsSource = source;
        }
    }

    String endsWhy() {
        return endsWhy;
    }

    String endsCause() {
        return endsCause;
    }

    String endsSource() {
        return endsSource;
    }

    Duration timeLimit() {
        return timeLimit;
    }

    // --- state -----------------------------------------------------------------------------------------------------

    CallTranscript transcript() {
        return transcript;
    }

    State state() {
        return state;
    }

    Activity activity() {
        return activity;
    }

    Awaiting awaiting() {
        return switch (activity) {
            case RINGING -> Awaiting.ANSWER;
            case PROMPTING, FIRST_KEY, NEXT_KEY -> Awaiting.KEYS;
            case DIALING -> Awaiting.DIAL_OUTCOME;
            case HEARING -> dueAt == null ? Awaiting.HANG_UP : Awaiting.NOTHING;
            default -> Awaiting.NOTHING;
        };
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

    /** When the call ended, on the simulator's clock (for evicting the oldest ended call first). */
    Optional<Instant> endedAt() {
        return Optional.ofNullable(endedAt).map(this::wallTime);
    }

    void answered() {
        state = State.IN_PROGRESS;
        answeredAt = step;
        begin(Activity.IDLE, null, null);
    }

    void ended(String reason) {
        state = State.ENDED;
        endedAt = step;
        endReason = reason;
        begin(Activity.ENDED, null, null);
        endsAt = null;
        listening = null;
        promptsLeft.clear();
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

    // --- GetDigits -------------------------------------------------------------------------------------------------

    /** A GetDigits starts listening: its first try. */
    void listen(GetDigits getDigits) {
        listening = getDigits;
        tryNumber = 0;
    }

    /** A try starts: {@code first} (e.g. invalidDigitsSound), then the GetDigits' prompts. */
    void startTry(Optional<Prompt> first) {
        tryNumber++;
        tries++;
        keys.setLength(0);
        promptsLeft.clear();
        first.ifPresent(promptsLeft::add);
        promptsLeft.addAll(listening.prompts());
    }

    GetDigits listening() {
        return listening;
    }

    /** Which try of the current GetDigits this is, 1 for the first. */
    int tryNumber() {
        return tryNumber;
    }

    /** Counts every try of every GetDigits of the call: tells one try from the next. */
    long tries() {
        return tries;
    }

    Optional<Prompt> nextPrompt() {
        return Optional.ofNullable(promptsLeft.poll());
    }

    void stopPrompts() {
        promptsLeft.clear();
    }

    String keys() {
        return keys.toString();
    }

    void addKey(char key) {
        keys.append(key);
    }

    void stopListening() {
        listening = null;
        promptsLeft.clear();
        keys.setLength(0);
        begin(Activity.IDLE, null, null);
    }

    // --- Dial ------------------------------------------------------------------------------------------------------

    void dial(Dial dial) {
        dialing = dial;
    }

    Dial dialing() {
        return dialing;
    }

    void stopDialing() {
        dialing = null;
        begin(Activity.IDLE, null, null);
    }

    /** Counts a Redirect; the caller's own actions reset the count. */
    int countRedirect() {
        return ++redirectsSinceCaller;
    }

    void callerActed() {
        redirectsSinceCaller = 0;
    }
}
