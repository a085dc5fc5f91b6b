package com.inspireworks.ivr.simulator;

import com.inspireworks.ivr.simulator.TranscriptEvent.Kind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened on one simulated call, in order, with timestamps. Bounded: once {@link #full()} the interpreter ends
 * the call; a few more events (the end itself) still fit, anything beyond is dropped. Not thread-safe on its own:
 * it belongs to one {@link SimulatedCall} and is used under that call's lock.
 */
public final class CallTranscript {

    /** Room kept after {@link #full()} for the events that end the call. */
    private static final int RESERVE = 16;

    private final Clock clock;
    private final int limit;
    private final List<TranscriptEvent> events = new ArrayList<>();

    CallTranscript(Clock clock, int limit) {
        this.clock = clock;
        this.limit = limit;
    }

    void add(Kind kind, String text) {
        add(kind, text, null, null, null, 1);
    }

    void speak(PlivoElement.Speak speak) {
        add(Kind.SPEAK, speak.text(), speak.language(), speak.voice(), null, speak.loop());
    }

    void play(String url, int loop) {
        add(Kind.PLAY, "Audio file " + url, null, null, url, loop);
    }

    void request(String method, String url, String outcome) {
        add(Kind.REQUEST, method + " " + url + " → " + outcome, null, null, url, 1);
    }

    private void add(Kind kind, String text, String language, String voice, String url, int repeat) {
        if (events.size() < limit + RESERVE) {
            events.add(new TranscriptEvent(events.size() + 1L, clock.instant(), kind, text, language, voice, url,
                    repeat));
        }
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
