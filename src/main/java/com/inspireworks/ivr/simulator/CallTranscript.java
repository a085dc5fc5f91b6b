package com.inspireworks.ivr.simulator;

import com.inspireworks.ivr.simulator.TranscriptEvent.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What happened on one simulated call, in order, stamped with the call's own clock (which fast-forward moves on).
 * Bounded: once {@link #full()} the interpreter ends the call; a few more events (the end itself) still fit,
 * anything beyond is dropped. Not thread-safe on its own: it belongs to one {@link SimulatedCall} and is used by
 * the one thread working on that call.
 */
public final class CallTranscript {

    /** Room kept after {@link #full()} for the events that end the call. */
    private static final int RESERVE = 16;

    private final Supplier<Instant> now;
    private final int limit;
    private final List<TranscriptEvent> events = new ArrayList<>();

    CallTranscript(Supplier<Instant> now, int limit) {
        this.now = now;
        this.limit = limit;
    }

    TranscriptEvent add(Kind kind, String text) {
        return add(kind, text, null, null, null, 1, null);
    }

    TranscriptEvent speak(PlivoElement.Speak speak, Duration duration) {
        return add(Kind.SPEAK, speak.text(), speak.language(), speak.voice(), null, speak.loop(), duration);
    }

    TranscriptEvent play(String url, int loop, Duration duration) {
        return add(Kind.PLAY, "Audio file " + url, null, null, url, loop, duration);
    }

    TranscriptEvent silence(Duration duration) {
        return add(Kind.WAIT, "Silence for " + Timing.describe(duration) + ".", null, null, null, 1, duration);
    }

    void request(String method, String url, String outcome) {
        add(Kind.REQUEST, method + " " + url + " → " + outcome, null, null, url, 1, null);
    }

    private TranscriptEvent add(Kind kind, String text, String language, String voice, String url, int repeat,
            Duration duration) {
        TranscriptEvent event = new TranscriptEvent(events.size() + 1L, now.get(), kind, text, language, voice, url,
                repeat, duration);
        if (events.size() < limit + RESERVE) {
            events.add(event);
        }
        return event;
    }

    /** True once the call has produced as many events as a simulated call may have. */
    boolean full() {
        return events.size() >= limit;
    }

    int limit() {
        return limit;
    }

    List<TranscriptEvent> events() {
        return List.copyOf(events);
    }
}
