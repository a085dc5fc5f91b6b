package com.inspireworks.ivr.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of a call's transcript. Only the fields that make sense for the kind are set; the others are null.
 *
 * @param sequence 1 for the first event of the call, then counting up
 * @param at when it happened
 * @param kind what happened
 * @param text the words: what is said (SPEAK), or a sentence describing the event for everything else
 * @param language SPEAK only: e.g. {@code es-MX}
 * @param voice SPEAK only: e.g. {@code Polly.Mia}
 * @param url PLAY: the audio; REQUEST: the URL the simulator fetched
 * @param repeat SPEAK and PLAY: how many times it is heard, {@link PlivoElement#FOREVER} for endlessly
 * @param duration SPEAK, PLAY and WAIT: how long the caller hears it (all repeats; for PLAY the length assumed when
 *     the event was recorded); null for other kinds and for endless repeats
 */
public record TranscriptEvent(long sequence, Instant at, Kind kind, String text, String language, String voice,
        String url, int repeat, Duration duration) {

    /** What kind of thing happened on the call. */
    public enum Kind {
        /** The call rang, was answered or ended. */
        STATE,
        /** The caller hears text-to-speech. */
        SPEAK,
        /** The caller hears an audio file. */
        PLAY,
        /** The caller hears silence. */
        WAIT,
        /** Plivo rings another party (the associate). */
        DIAL,
        /** How the other party's phone answered. */
        DIAL_OUTCOME,
        /** The caller pressed a key. */
        KEY,
        /** The caller let a timeout pass. */
        SILENCE,
        /** The simulator, as Plivo, requested a URL of the application. */
        REQUEST,
        /** The simulator explains what Plivo does at this point. */
        NOTE,
        /** Something went wrong; the call ends. */
        ERROR
    }

    public TranscriptEvent {
        Objects.requireNonNull(at);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(text);
    }
}
