package com.inspireworks.ivr.simulator;

import com.inspireworks.ivr.simulator.PlivoElement.Dial;
import com.inspireworks.ivr.simulator.PlivoElement.GetDigits;
import com.inspireworks.ivr.simulator.PlivoElement.Hangup;
import com.inspireworks.ivr.simulator.PlivoElement.Play;
import com.inspireworks.ivr.simulator.PlivoElement.Prompt;
import com.inspireworks.ivr.simulator.PlivoElement.Redirect;
import com.inspireworks.ivr.simulator.PlivoElement.Speak;
import com.inspireworks.ivr.simulator.PlivoElement.Wait;
import com.inspireworks.ivr.simulator.SimulatedCall.Awaiting;
import com.inspireworks.ivr.simulator.SimulatedCall.State;
import com.inspireworks.ivr.simulator.TranscriptEvent.Kind;
import com.inspireworks.ivr.simulator.Webhooks.WebhookException;
import com.inspireworks.ivr.simulator.Webhooks.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
 * with Plivo's semantics, and turns what the person testing the menu does (answer, press a key, stay silent, pick
 * the associate's answer, hang up) into the requests Plivo would send. Stateless: everything about a call lives in
 * its {@link SimulatedCall}; callers hold the call's lock (see {@link CallSimulator}).
 *
 * <p>Semantics followed (Plivo's XML reference and DESIGN.md):
 * <ul>
 * <li>GetDigits plays its prompts and listens. Keys are collected until {@code numDigits} keys were pressed, the
 * {@code finishOnKey} key is pressed (not sent), or the caller stays silent after typing something (the
 * {@code digitTimeout}); then the digits go to {@code action}. Staying silent with nothing typed is a timeout: the
 * prompts play again until they were played {@code retries} times in all (Plivo documents {@code retries} as
 * "integer >= 1, default 1", and its engine passes it to FreeSWITCH's {@code play_and_get_digits} as
 * {@code max_tries}), then the call goes on with the element after GetDigits. A key
 * outside {@code validDigits} is refused inside Plivo ({@code invalidDigitsSound}) and counts as a failed try; the
 * application never hears of it.</li>
 * <li>{@code redirect="true"} (GetDigits, Dial): the document the action returns replaces the current one; with
 * {@code false} the action is requested and the current document goes on. Without an action, it goes on.</li>
 * <li>Dial rings and waits for the person testing to choose answered / busy / no answer, then posts
 * {@code DialStatus}, {@code DialALegUUID}, {@code DialBLegUUID} and {@code DialHangupCause}.</li>
 * <li>The end of a document hangs up, as does Hangup. The hangup URL is told exactly once, whatever ended the call.</li>
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

    private final Webhooks webhooks;
    private final Clock clock;
    /**
     * @param webhooks how the application is reached
     */
    public PlivoXmlInterpreter(Webhooks webhooks, Clock clock) {
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** Releases the connections and threads used to reach the application. */
    void close() {
        webhooks.close();
    }

    /** The phone rings: nothing is sent yet (Plivo fetches the answer URL once the call is answered). */
    void ring(SimulatedCall call) {
        call.transcript().add(Kind.STATE, "Ringing " + call.to() + ". Answer the phone to start the call.");
    }

    /** The person called picks up: Plivo fetches the answer URL and runs what it returns. */
    void answer(SimulatedCall call) {
        if (call.state() != State.RINGING) {
            return;
        }
        call.answered(clock.instant());
        call.transcript().add(Kind.STATE, "Call answered.");
        call.callerActed();
        if (fetchAndLoad(call, "POST", call.answerUrl(), call.callParameters(), "answer URL")) {
            run(call);
        }
    }

    /** The person called rejects the ringing call: no answer URL, only the hangup report. */
    void decline(SimulatedCall call) {
        if (call.state() == State.RINGING) {
            end(call, "Declined by the person called.", "CALL_REJECTED", "Callee");
        }
    }

    /** The person called hangs up (or declines a ringing call). */
    void hangUp(SimulatedCall call) {
        if (call.state() == State.RINGING) {
            decline(call);
        } else if (call.state() == State.IN_PROGRESS) {
            end(call, "You hung up.", "NORMAL_CLEARING", "Callee");
        }
    }

    /** The simulator gives up on a call nobody touched for {@code idle}. */
    void expire(SimulatedCall call, Duration idle) {
        if (call.state() != State.ENDED) {
            end(call, "Nothing happened for " + idle.toMinutes() + " minutes: the simulator hung up.",
                    "ALLOTTED_TIMEOUT", "Plivo");
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
        if (call.awaiting() != Awaiting.KEYS) {
            call.transcript().add(Kind.NOTE, "Nothing is listening for keys right now: Plivo ignores them.");
            return;
        }
        GetDigits getDigits = call.listening();
        if (getDigits.finishOnKey().isPresent() && getDigits.finishOnKey().get() == key) {
            if (call.keys().isEmpty()) {
                failedTry(call, "The finish key " + key + " was pressed before any other key.");
            } else {
                submit(call);
            }
            return;
        }
        if (getDigits.validDigits().indexOf(key) < 0) {
            call.transcript().add(Kind.NOTE, "Key " + key + " is not one of validDigits \""
                    + getDigits.validDigits() + "\": Plivo refuses it itself"
                    + (getDigits.invalidDigitsSound().isPresent() ? " and plays invalidDigitsSound" : "")
                    + ", and the application never hears of it.");
            getDigits.invalidDigitsSound().ifPresent(sound -> call.transcript().play(sound, 1));
            failedTry(call, "The key was refused.");
            return;
        }
        call.addKey(key);
        if (call.keys().length() >= getDigits.numDigits()) {
            submit(call);
        }
    }

    /** The person called does nothing until the current timeout passes. */
    void silence(SimulatedCall call) {
        if (call.state() != State.IN_PROGRESS) {
            return;
        }
        if (call.awaiting() != Awaiting.KEYS) {
            call.transcript().add(Kind.NOTE, call.awaiting() == Awaiting.DIAL_OUTCOME
                    ? "The associate's phone is ringing: choose how it answers."
                    : "Nothing is waiting for input.");
            return;
        }
        GetDigits getDigits = call.listening();
        if (call.keys().isEmpty()) {
            call.transcript().add(Kind.SILENCE, "You stayed silent for " + getDigits.timeout() + " s (timeout).");
            failedTry(call, "No key was pressed.");
        } else {
            call.transcript().add(Kind.SILENCE, "You stopped typing: after " + getDigits.digitTimeout()
                    + " s (digitTimeout) Plivo sends the keys typed so far.");
            submit(call);
        }
    }

    /** The person testing decides how the associate's phone answers the ringing Dial. */
    void dialEnded(SimulatedCall call, DialChoice choice) {
        if (call.state() != State.IN_PROGRESS || call.awaiting() != Awaiting.DIAL_OUTCOME) {
            return;
        }
        Dial dial = call.dialing();
        call.stopDialing();
        call.callerActed();
        call.transcript().add(Kind.DIAL_OUTCOME, choice.description());
        if (dial.action().isEmpty()) {
            run(call);
            return;
        }
        Map<String, String> parameters = call.callParameters();
        parameters.put("DialStatus", choice.dialStatus());
        parameters.put("DialAction", "hangup");
        parameters.put("DialALegUUID", call.callUuid());
        parameters.put("DialBLegUUID", choice == DialChoice.ANSWERED ? UUID.randomUUID().toString() : "");
        parameters.put("DialHangupCause", choice.hangupCause());
        continueAt(call, dial.redirect(), dial.method(), dial.action().get(), parameters, "Dial action");
    }

    private void failedTry(SimulatedCall call, String why) {
        GetDigits getDigits = call.listening();
        call.clearKeys();
        if (call.retriesLeft() > 0) {
            int attempt = getDigits.retries() - call.retriesLeft() + 1;
            call.useRetry();
            call.transcript().add(Kind.NOTE, why + " Plivo plays the prompt again (try " + attempt + " of "
                    + getDigits.retries() + ").");
            prompts(call, getDigits);
        } else {
            call.stopListening();
            call.transcript().add(Kind.NOTE, why + " That was the last of " + getDigits.retries() + " tries: Plivo"
                    + " goes on with the next element,"
                    + " without calling the action URL.");
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
        run(call);
    }

    /** Runs elements until the call waits for the person testing it, or ends. */
    private void run(SimulatedCall call) {
        while (call.state() == State.IN_PROGRESS && call.awaiting() == Awaiting.NOTHING) {
            if (call.transcript().full()) {
                fail(call, "This call reached the simulator's limit of " + call.transcript().limit()
                        + " transcript events. Does the menu loop forever? A real call would keep costing money.");
                return;
            }
            Optional<PlivoElement> next = call.nextElement();
            if (next.isEmpty()) {
                call.transcript().add(Kind.NOTE, "End of the document: Plivo hangs up.");
                end(call, "The document ended (no more instructions).", "NORMAL_CLEARING", "Answer XML");
                return;
            }
            step(call, next.get());
        }
    }

    private void step(SimulatedCall call, PlivoElement element) {
        if (element instanceof Speak || element instanceof Play) {
            hear(call, (Prompt) element);
            if (loop((Prompt) element) == PlivoElement.FOREVER) {
                call.transcript().add(Kind.NOTE, "loop=\"0\": this repeats until the call is hung up.");
                call.playForever();
            }
        } else if (element instanceof Wait wait) {
            call.transcript().add(Kind.WAIT, "Silence for " + wait.length() + " s.");
        } else if (element instanceof GetDigits getDigits) {
            call.listen(getDigits);
            prompts(call, getDigits);
        } else if (element instanceof Dial dial) {
            call.dial(dial);
            call.transcript().add(Kind.DIAL, "Ringing the associate: " + String.join(", ", dial.numbers())
                    + dial.callerId().map(id -> " (caller id " + id + ")").orElse("")
                    + dial.timeout().map(t -> ", for up to " + t + " s").orElse("")
                    + ". Choose how the associate's phone answers.");
        } else if (element instanceof Redirect redirect) {
            if (call.countRedirect() > MAX_REDIRECTS) {
                fail(call, "More than " + MAX_REDIRECTS + " Redirects in a row without the caller doing anything:"
                        + " the document loops. Last Redirect: " + redirect.url());
                return;
            }
            fetchAndLoad(call, redirect.method(), redirect.url(), call.callParameters(), "Redirect");
        } else if (element instanceof Hangup hangup) {
            if (hangup.schedule() > 0) {
                call.transcript().add(Kind.NOTE, "Hangup scheduled in " + hangup.schedule() + " s: the simulator"
                        + " does not run clocks, so the call goes on until something else ends it.");
                return;
            }
            end(call, "The application hung up (Hangup" + hangup.reason().map(r -> " reason=\"" + r + "\"")
                    .orElse("") + ").", hangup.reason().map(PlivoXmlInterpreter::causeFor).orElse("NORMAL_CLEARING"),
                    "Answer XML");
        }
    }

    private static int loop(Prompt prompt) {
        return prompt instanceof Speak speak ? speak.loop() : ((Play) prompt).loop();
    }

    private static String causeFor(String reason) {
        return switch (reason) {
            case "rejected" -> "CALL_REJECTED";
            case "busy" -> "USER_BUSY";
            default -> "NORMAL_CLEARING";
        };
    }

    private static void prompts(SimulatedCall call, GetDigits getDigits) {
        if (getDigits.prompts().isEmpty()) {
            call.transcript().add(Kind.NOTE, "Listening for keys (no prompt).");
        }
        for (Prompt prompt : getDigits.prompts()) {
            hear(call, prompt);
        }
    }

    private static void hear(SimulatedCall call, Prompt prompt) {
        if (prompt instanceof Speak speak) {
            call.transcript().speak(speak);
        } else {
            Play play = (Play) prompt;
            call.transcript().play(play.url(), play.loop());
        }
    }

    /** Fetches a document and makes it the current one; false when the call ended instead. */
    private boolean fetchAndLoad(SimulatedCall call, String method, String url, Map<String, String> parameters,
            String purpose) {
        WebhookResponse response;
        try {
            response = webhooks.send(method, url, parameters);
        } catch (WebhookException e) {
            call.transcript().request(method, url, "failed");
            fail(call, "The " + purpose + " could not be fetched: " + e.getMessage());
            return false;
        }
        call.transcript().request(method, url, "HTTP " + response.status());
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

    private void fail(SimulatedCall call, String message) {
        call.transcript().add(Kind.ERROR, message);
        end(call, "Ended by an error: " + message, ERROR_CAUSE, "Error");
    }

    private void end(SimulatedCall call, String reason, String cause, String source) {
        if (call.state() == State.ENDED) {
            return;
        }
        boolean answered = call.state() == State.IN_PROGRESS;
        Instant now = clock.instant();
        call.ended(now, reason);
        call.transcript().add(Kind.STATE, "Call ended. " + reason);
        if (call.claimHangupReport()) {
            reportHangup(call, answered, cause, source, now);
        }
    }

    private void reportHangup(SimulatedCall call, boolean answered, String cause, String source, Instant now) {
        Map<String, String> parameters = call.callParameters();
        long duration = call.answeredAt().map(at -> Duration.between(at, now).toSeconds()).orElse(0L);
        parameters.put("CallStatus", answered ? "completed" : "busy");
        parameters.put("Event", "Hangup");
        parameters.put("HangupCause", cause);
        parameters.put("HangupSource", source);
        parameters.put("Duration", Long.toString(duration));
        parameters.put("BillDuration", Long.toString(answered ? ((duration + 59) / 60) * 60 : 0));
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
