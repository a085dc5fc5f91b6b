package com.inspireworks.ivr.journal;

/**
 * Where every call and every step of a caller's path is recorded: the seam between the call features (placing
 * calls, answering webhooks) and the journal's storage.
 *
 * <p>Two kinds of write, by what a caller or operator may wait for:
 * <ul>
 * <li>{@link #requested} and {@link #ended} are <em>committed</em> before the caller of the method goes on: a call
 * is recorded before Plivo is asked to place it (so a crash can never make us place it twice without a trace), and
 * the hangup callback is acknowledged only once stored (Plivo retries it otherwise). Both throw
 * {@link JournalUnavailableException} when the journal cannot store them.</li>
 * <li>{@link #placed}, {@link #failed} and {@link #step} are <em>written behind</em>: they return at once and never
 * throw, so a live call never waits on, or breaks because of, the database.</li>
 * </ul>
 * Every method must be idempotent: Plivo retries callbacks and a replayed signed request may arrive twice.
 * Implementations are thread-safe.
 */
public interface CallJournal extends AutoCloseable {

    /** Records a call about to be placed; committed. */
    void requested(CallRequested call) throws JournalUnavailableException;

    /** The provider accepted the call; written behind. */
    void placed(CallPlaced call);

    /** The provider refused the call, failed or could not be reached; written behind. */
    void failed(CallFailed call);

    /** A step of a call in progress (a webhook of the IVR); written behind. */
    void step(CallStep step);

    /**
     * The hangup callback; committed (the event: the call's row, its state and outcome, follows from it at once but
     * on the journal's own thread, so that Plivo's callback never queues behind other writers of the row).
     */
    void ended(CallEnded call) throws JournalUnavailableException;

    /**
     * Whether the journal can store what it is given, and how many events it holds in memory or lost: for
     * {@code /health}. Never touches the database.
     */
    default JournalHealth health() {
        return new JournalHealth(true, 0, 0);
    }

    /** Flushes what is written behind and releases connections and threads (on undeploy). */
    @Override
    default void close() {
    }

    /** A journal that keeps nothing: every call works exactly as with a real one. */
    CallJournal NONE = new CallJournal() {
        @Override
        public void requested(CallRequested call) {
        }

        @Override
        public void placed(CallPlaced call) {
        }

        @Override
        public void failed(CallFailed call) {
        }

        @Override
        public void step(CallStep step) {
        }

        @Override
        public void ended(CallEnded call) {
        }

        @Override
        public String toString() {
            return "CallJournal.NONE";
        }
    };
}
