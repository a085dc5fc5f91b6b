package com.inspireworks.ivr.simulator;

import com.inspireworks.ivr.simulator.PlivoElement.Dial;
import com.inspireworks.ivr.simulator.PlivoElement.GetDigits;
import com.inspireworks.ivr.simulator.PlivoElement.Hangup;
import com.inspireworks.ivr.simulator.PlivoElement.Play;
import com.inspireworks.ivr.simulator.PlivoElement.Prompt;
import com.inspireworks.ivr.simulator.PlivoElement.Redirect;
import com.inspireworks.ivr.simulator.PlivoElement.Speak;
import com.inspireworks.ivr.simulator.PlivoElement.Wait;
import com.inspireworks.ivr.simulator.SimulatedCall.Activity;
import com.inspireworks.ivr.simulator.SimulatedCall.State;
import com.inspireworks.ivr.simulator.TranscriptEvent.Kind;
import com.inspireworks.ivr.simulator.Webhooks.WebhookException;
import com.inspireworks.ivr.simulator.Webhooks.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Plays Plivo's part in a simulated call: fetches the answer URL, runs the returned Plivo XML element by element
 * with Plivo's semantics and timing, and turns what the person testing the menu does (answer, press a key, stay
 * silent, pick the associate's answer, hang up, fast-forward) into the requests Plivo would send. Stateless:
 * everything about a call lives in its {@link SimulatedCall}; {@link CallSimulator} calls in with one thread per call
 * at a time, never on a request thread (these methods block on requests to the application).
 *
 * <p>Time: every element takes the time it would take on a real call ({@link Timing}); the call's deadlines are
 * handled by {@link #settle} when the call's clock reaches them. Semantics followed (Plivo's XML reference, its
 * open-source engine plivoframework, and DESIGN.md):
 * <ul>
 * <li>GetDigits plays its prompts one after the other and listens all along: a key pressed during a prompt counts
 * and stops the prompts. After the prompts it waits {@code timeout} seconds for the first key and
 * {@code digitTimeout} seconds for each next one. Keys are collected until {@code numDigits} keys were pressed, the
 * {@code finishOnKey} key is pressed (not sent; {@code none} or empty switches it off), or {@code digitTimeout}
 * passes after a key; then the digits go to {@code action}. The finish key alone, nothing typed, is no input.
 * No input within {@code timeout} is a failed try: the prompts play again until they were played {@code retries}
 * times in all (Plivo documents {@code retries} as "integer >= 1, default 1", and its engine passes it to FreeSWITCH's
 * {@code play_and_get_digits} as {@code max_tries}), then the call goes on with the element after GetDigits without
 * calling the action. A key outside {@code validDigits} is refused inside Plivo ({@code invalidDigitsSound}) and
 * counts as a failed try; the application never hears of it.</li>
 * <li>{@code redirect="true"} (GetDigits, Dial): the document the action returns replaces the current one; with
 * {@code false} the action is requested and the current document goes on. Without an action, it goes on.</li>
 * <li>Dial rings for its {@code timeout} while the person testing picks how the other phone answers (any
 * {@link DialChoice}); when nobody picks, it is {@code no-answer}. The action gets {@code DialStatus},
 * {@code DialHangupCause}, {@code DialRingStatus}, {@code DialALegUUID} and {@code DialBLegUUID} (no
 * {@code DialAction}: Plivo sends that one to a Dial's {@code callbackUrl} only). When the call ends while the
 * associate's phone rings (the caller hangs up), the action is still told, with {@code DialHangupCause}
 * {@code ORIGINATOR_CANCEL} as plivoframework computes it for an A-leg cancel, {@code DialStatus} {@code no-answer}
 * (nobody answered; Plivo documents no other value for it) and {@code CallStatus} {@code completed}; the document it
 * returns is not run, the caller is gone.</li>
 * <li>The answer URL gets {@code Event=StartApp}, a Redirect {@code Event=Redirect} (Plivo's Redirect reference),
 * the hangup URL {@code Event=Hangup}.</li>
 * <li>The end of a document hangs up, as does Hangup; {@code Hangup schedule="n"} ends the call n seconds later
 * while the document goes on. The call also ends at its time limit ({@code time_limit} of the create-call request).
 * The hangup URL is told exactly once, whatever ended the call. A phone nobody answers rings for
 * {@link Timing#RING_TIMEOUT}, then the hangup URL hears {@code CallStatus=no-answer}.</li>
 * <li>A URL that cannot be fetched, answers other than 2xx or returns a document Plivo would refuse ends the call
 * with an error in the transcript. More than {@link #MAX_REDIRECTS} Redirects in a row without the caller doing
 * anything is taken for a loop and ends the call too.</li>
 * </ul>
 */
public final class PlivoXmlInterpreter {

    /** Redirects followed in a row before the call is ended as a loop. */
    public static final int MAX_REDIRECTS = 10;

    static final String ERROR_CAUSE = "SIMULATOR_ERROR";
    private static final DateTimeFormatter PLIVO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    /** More deadlines than this in one go means something loops without taking time: a bug, not a call. */
    private static final int MAX_DEADLINES_AT_ONCE = 10_000;

    private final Webhooks webhooks;

    /**
     * @param webhooks how the application is reached
     */
    public PlivoXmlInterpreter(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** Releases the connections and threads used to reach the application. */
    void close() {
        webhooks.close();
    }

    // --- the clock -------------------------------------------------------------------------------------------------

    /** Handles every deadline the call's clock has reached, each at its own instant, in order. */
    void settle(SimulatedCall call) {
        for (int i = 0; i < MAX_DEADLINES_AT_ONCE; i++) {
            Optional<Instant> due = call.nextDue();
            if (due.isEmpty() || due.get().isAfter(call.clockNow())) {
                return;
            }
            call.stepTo(due.get());
            if (call.endIsDue()) {
                end(call, call.endsWhy(), "completed", call.endsCause(), call.endsSource());
            } else {
                elapsed(call);
            }
        }
        fail(call, "The simulator stopped a call whose document kept going without taking any time.");
    }

    /** The current activity's time is up. */
    private void elapsed(SimulatedCall call) {
        switch (call.activity()) {
            case RINGING -> {
                call.transcript().add(Kind.NOTE, "Nobody answered within " + Timing.describe(Timing.RING_TIMEOUT)
                        + ": Plivo stops ringing (ring_timeout).");
                end(call, "Nobody answered.", "no-answer", "NO_ANSWER", "Plivo");
            }
            case HEARING -> {
                call.begin(Activity.IDLE, null, null);
                run(call);
            }
            case PROMPTING -> nextPrompt(call);
            case FIRST_KEY -> failedTry(call, "No key was pressed within " + call.listening().timeout()
                    + " s (timeout).", Optional.empty());
            case NEXT_KEY -> {
                call.transcript().add(Kind.NOTE, "No further key within " + call.listening().digitTimeout()
                        + " s (digitTimeout): Plivo sends the keys typed so far.");
                submit(call);
            }
            case DIALING -> {
                call.transcript().add(Kind.NOTE, "The associate's phone rang for "
                        + Timing.describe(dialTimeout(call.dialing())) + " (the Dial's timeout).");
                finishDial(call, DialChoice.NO_ANSWER);
            }
            default -> throw new IllegalStateException("No deadline while " + call.activity());
        }
    }

    /** Fast-forward: the call's clock jumps to its next deadline, which is handled at once. */
    void fastForward(SimulatedCall call) {
        Optional<Instant> due = call.nextDue();
        if (due.isEmpty()) {
            return;
        }
        Duration skipped = Duration.between(call.clockNow(), due.get());
        if (!skipped.isNegative() && !skipped.isZero()) {
            call.transcript().add(Kind.NOTE, "Fast-forward: " + Timing.describe(skipped) + " skipped.");
        }
        call.skipTo(due.get());
        settle(call);
    }

    // --- the person at the phone -----------------------------------------------------------------------------------

    /** The phone rings: nothing is sent yet (Plivo fetches the answer URL once the call is answered). */
    void ring(SimulatedCall call) {
        call.begin(Activity.RINGING, call.now().plus(Timing.RING_TIMEOUT), "The phone rings; Plivo stops ringing after "
                + Timing.describe(Timing.RING_TIMEOUT) + " (ring_timeout).");
        call.transcript().add(Kind.STATE, "Ringing " + call.to() + ". Answer the phone to start the call.");
    }

    /** The person called picks up: Plivo fetches the answer URL and runs what it returns. */
    void answer(SimulatedCall call) {
        if (call.state() != State.RINGING) {
            return;
        }
        call.answered();
        call.endAt(call.now().plus(call.timeLimit()), "The call's time limit of " + Timing.describe(call.timeLimit())
                + " (time_limit) ends it: Plivo hangs up.", "ALLOTTED_TIMEOUT", "Plivo");
        call.transcript().add(Kind.STATE, "Call answered.");
        call.callerActed();
        Map<String, String> parameters = call.callParameters();
        parameters.put("Event", "StartApp");
        if (fetchAndLoad(call, "POST", call.answerUrl(), parameters, "answer URL")) {
            run(call);
        }
    }

    /** The person called rejects the ringing call: no answer URL, only the hangup report. */
    void decline(SimulatedCall call) {
        if (call.state() == State.RINGING) {
            end(call, "Declined by the person called.", "busy", "CALL_REJECTED", "Callee");
        }
    }

    /** The person called hangs up (or declines a ringing call). */
    void hangUp(SimulatedCall call) {
        if (call.state() == State.RINGING) {
            decline(call);
        } else if (call.state() == State.IN_PROGRESS) {
            end(call, "You hung up.", "completed", "NORMAL_CLEARING", "Callee");
        }
    }

    /** The simulator gives up on a call nobody looked at for {@code idle}. */
    void expire(SimulatedCall call, Duration idle) {
        if (call.state() != State.ENDED) {
            end(call, "Nobody looked at this call for " + Timing.describe(idle) + ": the simulator hung up.",
                    call.state() == State.RINGING ? "no-answer" : "completed", "ALLOTTED_TIMEOUT", "Plivo");
        }
    }

    /**
     * A key on the keypad.
     *
     * @param key one of 0-9, * or #
     * @throws IllegalArgumentException for anything else
     */
    void press(SimulatedCall call, char key) {
        if (PlivoXmlReader.ALL_KEYS.indexOf(key) < 0) {
            throw new IllegalArgumentException("A key is one of 0-9, * and #.");
        }
        if (call.state() != State.IN_PROGRESS) {
            return;
        }
        call.transcript().add(Kind.KEY, "You pressed " + key + ".");
        if (call.awaiting() != SimulatedCall.Awaiting.KEYS) {
            call.transcript().add(Kind.NOTE, "Nothing is listening for keys right now: Plivo ignores them.");
            return;
        }
        GetDigits getDigits = call.listening();
        if (getDigits.finishOnKey().isPresent() && getDigits.finishOnKey().get() == key) {
            if (call.keys().isEmpty()) {
                failedTry(call, "The finish key " + key + " was pressed before any other key: no input.",
                        Optional.empty());
            } else {
                call.transcript().add(Kind.NOTE, "The finish key " + key + " ends the input; it is not sent.");
                submit(call);
            }
            return;
        }
        if (getDigits.validDigits().indexOf(key) < 0) {
            call.transcript().add(Kind.NOTE, "Key " + key + " is not one of validDigits \""
                    + getDigits.validDigits() + "\": Plivo refuses it itself"
                    + (getDigits.invalidDigitsSound().isPresent() ? " and plays invalidDigitsSound" : "")
                    + ", and the application never hears of it.");
            failedTry(call, "The key was refused.", getDigits.invalidDigitsSound().map(url -> new Play(url, 1)));
            return;
        }
        call.addKey(key);
        if (call.activity() == Activity.PROMPTING) {
            call.stopPrompts();   // a key stops the prompt, as FreeSWITCH's play_and_get_digits does
        }
        if (call.keys().length() >= getDigits.numDigits()) {
            submit(call);
        } else {
            call.begin(Activity.NEXT_KEY, call.now().plusSeconds(getDigits.digitTimeout()), "The IVR waits "
                    + getDigits.digitTimeout() + " s for the next key (digitTimeout), then sends " + call.keys()
                    + ".");
        }
    }

    /**
     * The person called says nothing until the current try of GetDigits is over: the prompts finish, the timeout
     * passes (or the digitTimeout, after a key). The call's clock moves on as with fast-forward.
     */
    void silence(SimulatedCall call) {
        if (call.state() != State.IN_PROGRESS) {
            return;
        }
        if (call.awaiting() != SimulatedCall.Awaiting.KEYS) {
            call.transcript().add(Kind.NOTE, call.awaiting() == SimulatedCall.Awaiting.DIAL_OUTCOME
                    ? "The associate's phone is ringing: choose how it answers."
                    : "Nothing is waiting for input.");
            return;
        }
        call.transcript().add(Kind.SILENCE, call.keys().isEmpty() ? "You stay silent." : "You stop typing.");
        long thisTry = call.tries();
        while (call.tries() == thisTry && call.awaiting() == SimulatedCall.Awaiting.KEYS
                && call.nextDue().isPresent()) {
            fastForward(call);
        }
    }

    /** The person testing decides how the associate's phone answers the ringing Dial. */
    void dialEnded(SimulatedCall call, DialChoice choice) {
        if (call.state() != State.IN_PROGRESS || call.activity() != Activity.DIALING) {
            return;
        }
        if (choice == DialChoice.NO_ANSWER) {
            // Nobody answers: the phone rings until the Dial's timeout, which fast-forward skips.
            fastForward(call);
            return;
        }
        finishDial(call, choice);
    }

    /**
     * The phone page's audio player knows how long the recording of transcript event {@code event} is: if it is
     * still playing, it ends when that recording would have ended.
     */
    void audioLength(SimulatedCall call, long event, Duration once) {
        if (call.state() != State.IN_PROGRESS || !call.playingAudio(event)) {
            return;
        }
        call.correctAudioLength(once);
        call.transcript().add(Kind.NOTE, "Your browser reports that this recording lasts " + Timing.describe(once)
                + ".");
    }

    // --- running documents -----------------------------------------------------------------------------------------

    /** Runs elements until one takes time, the call waits for the person testing it, or it ends. */
    private void run(SimulatedCall call) {
        while (call.state() == State.IN_PROGRESS && call.activity() == Activity.IDLE) {
            if (call.transcript().full()) {
                fail(call, "This call reached the simulator's limit of " + call.transcript().limit()
                        + " transcript events. Does the menu loop forever? A real call would keep costing money.");
                return;
            }
            Optional<PlivoElement> next = call.nextElement();
            if (next.isEmpty()) {
                call.transcript().add(Kind.NOTE, "End of the document: Plivo hangs up.");
                end(call, "The document ended (no more instructions).", "completed", "NORMAL_CLEARING",
                        "Answer XML");
                return;
            }
            step(call, next.get());
        }
    }

    private void step(SimulatedCall call, PlivoElement element) {
        if (element instanceof Speak || element instanceof Play) {
            sound(call, (Prompt) element, Activity.HEARING);
        } else if (element instanceof Wait wait) {
            Duration length = Duration.ofSeconds(wait.length());
            call.begin(Activity.HEARING, call.now().plus(length), "Silence (Wait) for " + Timing.describe(length)
                    + ".");
            call.transcript().silence(length);
        } else if (element instanceof GetDigits getDigits) {
            call.listen(getDigits);
            startTry(call, Optional.empty());
        } else if (element instanceof Dial dial) {
            call.dial(dial);
            Duration timeout = dialTimeout(dial);
            call.begin(Activity.DIALING, call.now().plus(timeout), "The associate's phone rings; after "
                    + Timing.describe(timeout) + " nobody has answered (the Dial's timeout).");
            call.transcript().add(Kind.DIAL, "Ringing the associate: " + String.join(", ", dial.numbers())
                    + dial.callerId().map(id -> " (caller id " + id + ")").orElse("")
                    + " for up to " + Timing.describe(timeout) + ". Choose how the associate's phone answers.");
        } else if (element instanceof Redirect redirect) {
            if (call.countRedirect() > MAX_REDIRECTS) {
                fail(call, "More than " + MAX_REDIRECTS + " Redirects in a row without the caller doing anything:"
                        + " the document loops. Last Redirect: " + redirect.url());
                return;
            }
            Map<String, String> parameters = call.callParameters();
            parameters.put("Event", "Redirect");
            parameters.put("CallerName", parameters.get("From"));
            fetchAndLoad(call, redirect.method(), redirect.url(), parameters, "Redirect");
        } else if (element instanceof Hangup hangup) {
            if (hangup.schedule() > 0) {
                call.endAt(call.now().plusSeconds(hangup.schedule()), "The Hangup scheduled " + hangup.schedule()
                        + " s earlier (schedule) ends the call.", "ALLOTTED_TIMEOUT", "Answer XML");
                call.transcript().add(Kind.NOTE, "Hangup scheduled in " + hangup.schedule() + " s; the document"
                        + " goes on until then.");
                return;
            }
            end(call, "The application hung up (Hangup" + hangup.reason().map(r -> " reason=\"" + r + "\"")
                    .orElse("") + ").", "completed", hangup.reason().map(PlivoXmlInterpreter::causeFor)
                    .orElse("NORMAL_CLEARING"), "Answer XML");
        }
    }

    private static Duration dialTimeout(Dial dial) {
        return dial.timeout().map(Duration::ofSeconds).orElse(Timing.DIAL_TIMEOUT);
    }

    private static String causeFor(String reason) {
        return switch (reason) {
            case "rejected" -> "CALL_REJECTED";
            case "busy" -> "USER_BUSY";
            default -> "NORMAL_CLEARING";
        };
    }

    /** The caller hears {@code prompt} as {@code activity} (HEARING or PROMPTING) for as long as it lasts. */
    private static void sound(SimulatedCall call, Prompt prompt, Activity activity) {
        boolean forever;
        TranscriptEvent event;
        boolean audio = prompt instanceof Play;
        int loop;
        String what;
        Duration length;
        if (prompt instanceof Speak speak) {
            loop = speak.loop();
            forever = loop == PlivoElement.FOREVER;
            length = Timing.times(Timing.speech(speak.text()), loop);
            event = call.transcript().speak(speak, forever ? null : length);
            what = "Speaking (" + Timing.describe(length) + ").";
        } else {
            Play play = (Play) prompt;
            loop = play.loop();
            forever = loop == PlivoElement.FOREVER;
            length = Timing.times(Timing.NOMINAL_AUDIO, loop);
            event = call.transcript().play(play.url(), loop, forever ? null : length);
            what = "Playing the recording (length unknown to the simulator: " + Timing.describe(length)
                    + " assumed until your browser reports it).";
        }
        if (forever) {
            call.begin(activity, null, "Repeating until the call is hung up (loop=\"0\").");
            call.transcript().add(Kind.NOTE, "loop=\"0\": this repeats until the call is hung up or reaches its time"
                    + " limit.");
        } else {
            call.begin(activity, call.now().plus(length), what);
        }
        call.sounding(event, audio, loop);
    }

    // --- GetDigits -------------------------------------------------------------------------------------------------

    private void startTry(SimulatedCall call, Optional<Prompt> first) {
        call.startTry(first);
        if (call.listening().prompts().isEmpty() && first.isEmpty()) {
            call.transcript().add(Kind.NOTE, "Listening for keys (no prompt).");
        }
        nextPrompt(call);
    }

    /** The next prompt of the current try, or the wait for the first key once all were played. */
    private void nextPrompt(SimulatedCall call) {
        Optional<Prompt> prompt = call.nextPrompt();
        if (prompt.isPresent()) {
            sound(call, prompt.get(), Activity.PROMPTING);
            return;
        }
        GetDigits getDigits = call.listening();
        call.begin(Activity.FIRST_KEY, call.now().plusSeconds(getDigits.timeout()), "The IVR waits "
                + getDigits.timeout() + " s for a key (timeout); try " + call.tryNumber() + " of "
                + getDigits.retries() + ".");
    }

    /** No (valid) input on this try: the next try, or on with the document after the last one. */
    private void failedTry(SimulatedCall call, String why, Optional<Prompt> invalidSound) {
        GetDigits getDigits = call.listening();
        if (call.tryNumber() < getDigits.retries()) {
            call.transcript().add(Kind.NOTE, why + " Plivo plays the prompt again (try " + (call.tryNumber() + 1)
                    + " of " + getDigits.retries() + ").");
            startTry(call, invalidSound);
            return;
        }
        call.stopListening();
        call.transcript().add(Kind.NOTE, why + " That was the last of " + getDigits.retries() + " tries: Plivo"
                + " goes on with the next element, without calling the action URL.");
        if (invalidSound.isPresent()) {
            sound(call, invalidSound.get(), Activity.HEARING);
        } else {
            run(call);
        }
    }

    private void submit(SimulatedCall call) {
        GetDigits getDigits = call.listening();
        String digits = call.keys();
        call.stopListening();
        call.callerActed();
        if (getDigits.action().isEmpty()) {
            call.transcript().add(Kind.NOTE, "GetDigits has no action URL: the digits " + digits
                    + " go nowhere and the document goes on.");
            run(call);
            return;
        }
        Map<String, String> parameters = call.callParameters();
        parameters.put("Digits", digits);
        continueAt(call, getDigits.redirect(), getDigits.method(), getDigits.action().get(), parameters,
                "GetDigits action");
    }

    // --- Dial ------------------------------------------------------------------------------------------------------

    private void finishDial(SimulatedCall call, DialChoice choice) {
        Dial dial = call.dialing();
        call.stopDialing();
        call.callerActed();
        call.transcript().add(Kind.DIAL_OUTCOME, choice.description());
        if (dial.action().isEmpty()) {
            run(call);
            return;
        }
        Map<String, String> parameters = dialParameters(call, choice.dialStatus(), choice.hangupCause(),
                choice.rang(), choice == DialChoice.ANSWERED ? UUID.randomUUID().toString() : "");
        continueAt(call, dial.redirect(), dial.method(), dial.action().get(), parameters, "Dial action");
    }

    private static Map<String, String> dialParameters(SimulatedCall call, String status, String cause, boolean rang,
            String bLeg) {
        Map<String, String> parameters = call.callParameters();
        parameters.put("DialStatus", status);
        parameters.put("DialHangupCause", cause);
        parameters.put("DialRingStatus", Boolean.toString(rang));
        parameters.put("DialALegUUID", call.callUuid());
        parameters.put("DialBLegUUID", bLeg);
        return parameters;
    }

    /** The call ended while the associate's phone rang: the Dial action still hears of it (see the class comment). */
    private void cancelDial(SimulatedCall call, Dial dial) {
        call.transcript().add(Kind.DIAL_OUTCOME, "The call ended while the associate's phone was ringing: Plivo"
                + " cancels the Dial.");
        if (dial.action().isEmpty()) {
            return;
        }
        Map<String, String> parameters = dialParameters(call, "no-answer", "ORIGINATOR_CANCEL", true, "");
        try {
            WebhookResponse response = webhooks.send(dial.method(), dial.action().get(), parameters);
            call.transcript().request(dial.method(), dial.action().get(), "HTTP " + response.status()
                    + " (Dial action; the caller is gone, its document is not run)");
        } catch (WebhookException e) {
            call.transcript().request(dial.method(), dial.action().get(), "failed (Dial action): " + e.getMessage());
        }
        call.catchUp();
    }

    // --- requests to the application -------------------------------------------------------------------------------

    /** redirect=true: the action's document replaces the current one; false: fetch it, then go on here. */
    private void continueAt(SimulatedCall call, boolean redirect, String method, String url,
            Map<String, String> parameters, String purpose) {
        if (redirect) {
            if (fetchAndLoad(call, method, url, parameters, purpose)) {
                run(call);
            }
            return;
        }
        try {
            WebhookResponse response = webhooks.send(method, url, parameters);
            call.transcript().request(method, url, "HTTP " + response.status() + " (redirect=\"false\": its"
                    + " document is not run; the current one goes on)");
        } catch (WebhookException e) {
            call.transcript().request(method, url, "failed: " + e.getMessage() + " (redirect=\"false\": the"
                    + " current document goes on)");
        }
        call.catchUp();
        run(call);
    }

    /** Fetches a document and makes it the current one; false when the call ended instead. */
    private boolean fetchAndLoad(SimulatedCall call, String method, String url, Map<String, String> parameters,
            String purpose) {
        WebhookResponse response;
        try {
            response = webhooks.send(method, url, parameters);
        } catch (WebhookException e) {
            call.transcript().request(method, url, "failed");
            call.catchUp();
            fail(call, "The " + purpose + " could not be fetched: " + e.getMessage());
            return false;
        }
        call.transcript().request(method, url, "HTTP " + response.status());
        call.catchUp();
        if (!response.ok()) {
            fail(call, "The " + purpose + " " + url + " answered HTTP " + response.status()
                    + " instead of a Plivo XML document." + preview(response.body()));
            return false;
        }
        List<PlivoElement> elements;
        try {
            elements = PlivoXmlReader.read(response.body());
        } catch (InvalidPlivoXmlException e) {
            fail(call, "The " + purpose + " " + url + " did not return valid Plivo XML: " + e.getMessage()
                    + preview(response.body()));
            return false;
        }
        call.load(elements);
        return true;
    }

    private static String preview(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : " It starts with: " + PlivoXmlReader.shorten(text);
    }

    // --- the end ---------------------------------------------------------------------------------------------------

    private void fail(SimulatedCall call, String message) {
        call.transcript().add(Kind.ERROR, message);
        end(call, "Ended by an error: " + message, "failed", ERROR_CAUSE, "Error");
    }

    /**
     * Ends the call and tells the hangup URL, once.
     *
     * @param statusIfUnanswered {@code CallStatus} when the call was never answered (busy, no-answer, failed);
     *     an answered call is {@code completed}
     */
    private void end(SimulatedCall call, String reason, String statusIfUnanswered, String cause, String source) {
        if (call.state() == State.ENDED) {
            return;
        }
        boolean answered = call.state() == State.IN_PROGRESS;
        Dial ringing = call.activity() == Activity.DIALING ? call.dialing() : null;
        call.ended(reason);
        call.transcript().add(Kind.STATE, "Call ended. " + reason);
        if (ringing != null) {
            cancelDial(call, ringing);
        }
        if (call.claimHangupReport()) {
            reportHangup(call, answered ? "completed" : statusIfUnanswered, cause, source);
        }
    }

    private void reportHangup(SimulatedCall call, String status, String cause, String source) {
        Instant now = call.now();
        Map<String, String> parameters = call.callParameters();
        long duration = call.answeredAt().map(at -> Duration.between(at, now).toSeconds()).orElse(0L);
        parameters.put("CallStatus", status);
        parameters.put("Event", "Hangup");
        parameters.put("HangupCause", cause);
        parameters.put("HangupSource", source);
        parameters.put("Duration", Long.toString(duration));
        parameters.put("BillDuration", Long.toString(call.answeredAt().isPresent() ? ((duration + 59) / 60) * 60
                : 0));
        parameters.put("StartTime", PLIVO_TIME.format(call.createdAt()));
        parameters.put("AnswerTime", call.answeredAt().map(PLIVO_TIME::format).orElse(""));
        parameters.put("EndTime", PLIVO_TIME.format(now));
        try {
            WebhookResponse response = webhooks.send("POST", call.hangupUrl(), parameters);
            call.transcript().request("POST", call.hangupUrl(), "HTTP " + response.status() + " (hangup URL)");
        } catch (WebhookException e) {
            call.transcript().request("POST", call.hangupUrl(), "failed (hangup URL): " + e.getMessage());
        }
    }
}
