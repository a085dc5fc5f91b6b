package com.inspireworks.ivr.simulator;

import java.time.Duration;
import java.util.Locale;

/**
 * How long the parts of a simulated call take, so that a simulated call lasts as long as a real one would. Pure
 * functions and constants; the {@link PlivoXmlInterpreter} turns them into deadlines of the call's own clock.
 *
 * <p>Where a figure comes from:
 * <ul>
 * <li>Speech: text-to-speech voices speak at about 150-170 words per minute; the simulator uses
 * {@link #WORDS_PER_MINUTE} and counts words, plus a short pause at the end of each utterance.</li>
 * <li>Audio ({@code Play}): the simulator only requests URLs under the application's own public URL, so it cannot
 * download a recording to measure it. It assumes {@link #NOMINAL_AUDIO} per loop until the phone page's audio player
 * reports the real length (the browser downloads the file itself); see {@link #audioLength(double)}.</li>
 * <li>Ringing before the call is answered: Plivo's create-call request lets a phone ring for its
 * {@code ring_timeout}, 60 s unless set; the application does not set it.</li>
 * <li>Dial without {@code timeout}: Plivo documents no default; its open-source engine (plivoframework,
 * {@code elements.py}, {@code Dial.DEFAULT_TIMEOUT}) rings for 30 s.</li>
 * </ul>
 */
public final class Timing {

    /** How fast the simulated text-to-speech speaks. */
    public static final int WORDS_PER_MINUTE = 160;
    /** The silence after each spoken line. */
    public static final Duration PAUSE_AFTER_SPEECH = Duration.ofMillis(300);
    /** The length assumed for a recording until the browser reports its real length. */
    public static final Duration NOMINAL_AUDIO = Duration.ofSeconds(10);
    /** Shortest and longest recording length a browser may report. */
    public static final Duration SHORTEST_AUDIO = Duration.ofMillis(100);
    public static final Duration LONGEST_AUDIO = Duration.ofHours(1);
    /** How long an unanswered phone rings before Plivo gives up (create-call {@code ring_timeout} default). */
    public static final Duration RING_TIMEOUT = Duration.ofSeconds(60);
    /** How long a Dial rings when its {@code timeout} is not set (plivoframework's default). */
    public static final Duration DIAL_TIMEOUT = Duration.ofSeconds(30);

    private Timing() {
    }

    /** How long it takes to say {@code text} once. */
    public static Duration speech(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean letter = Character.isLetterOrDigit(text.charAt(i));
            if (letter && !inWord) {
                words++;
            }
            inWord = letter;
        }
        long millis = Math.round(Math.max(words, 1) * 60_000.0 / WORDS_PER_MINUTE);
        return Duration.ofMillis(millis).plus(PAUSE_AFTER_SPEECH);
    }

    /**
     * A recording's length as a browser reported it, in seconds, within {@link #SHORTEST_AUDIO} and
     * {@link #LONGEST_AUDIO}.
     *
     * @throws IllegalArgumentException when {@code seconds} is not a finite positive number
     */
    public static Duration audioLength(double seconds) {
        if (!Double.isFinite(seconds) || seconds <= 0) {
            throw new IllegalArgumentException("The length of a recording is a positive number of seconds.");
        }
        Duration reported = Duration.ofMillis(Math.round(Math.min(seconds, LONGEST_AUDIO.toSeconds()) * 1000));
        return reported.compareTo(SHORTEST_AUDIO) < 0 ? SHORTEST_AUDIO : reported;
    }

    /** {@code once} repeated {@code loop} times. */
    static Duration times(Duration once, int loop) {
        return once.multipliedBy(Math.max(loop, 1));
    }

    /** "2.5 s", "45 s", "1 min 30 s": for the transcript. */
    public static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 10_000 && millis % 1000 != 0) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = Math.round(millis / 1000.0);
        if (seconds < 60) {
            return seconds + " s";
        }
        return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }
}
