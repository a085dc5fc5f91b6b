package com.inspireworks.ivr.journal;

/**
 * The journal's state for {@code /health}.
 *
 * @param up whether the database took the last write (or answered the last check)
 * @param eventsWaiting steps held in memory because they are not stored yet (written behind, or the database is
 *     down); they are stored once it is back
 * @param eventsDropped steps lost for good: they arrived while the bounded memory was full (a long outage), or the
 *     database refused them
 */
public record JournalHealth(boolean up, long eventsWaiting, long eventsDropped) {

    /** Events the journal does not hold in the database right now. */
    public long eventsNotStored() {
        return eventsWaiting + eventsDropped;
    }
}
