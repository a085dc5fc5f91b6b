package com.inspireworks.ivr.journal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The journal's read side, for the operator pages, the JSON API, the CSV export and the live view. Implementations
 * read the shared database, so every instance sees every call. Thread-safe.
 */
public interface CallHistory {

    /** A page of calls, newest first. */
    CallPage search(CallQuery query) throws JournalUnavailableException;

    /** One call with its steps; empty for an unknown id (or one purged by retention). */
    Optional<CallDetail> find(String callId) throws JournalUnavailableException;

    /** The funnel of calls requested in {@code [since, until)}. */
    Funnel funnel(Instant since, Instant until) throws JournalUnavailableException;

    /** Calls not yet ended (requested, ringing, in progress), newest first, at most {@code limit}. */
    List<CallRecord> live(int limit) throws JournalUnavailableException;

    /** Stored events with an id greater than {@code afterEventId}, oldest first, at most {@code limit}. */
    List<CallEvent> eventsAfter(long afterEventId, int limit) throws JournalUnavailableException;

    /** The id of the newest stored event, 0 when there is none. */
    long lastEventId() throws JournalUnavailableException;

    /**
     * Calls {@code listener} (on a journal thread; it must return quickly) whenever new events were stored by this
     * instance; the live view then reads {@link #eventsAfter}. Closing the returned handle unsubscribes.
     */
    AutoCloseable subscribe(Runnable listener);
}
