package com.inspireworks.ivr.journal;

import com.inspireworks.ivr.config.DatabaseSettings;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The call journal of one application: its database (chosen and migrated at start-up), the write side the call
 * features use ({@link #journal()}) and the read side the operator pages use ({@link #history()}). Closing it stores
 * what is left, stops its thread, closes its pool and, for the embedded default, the database.
 */
public final class Journal implements AutoCloseable {

    private final JournalDatabase database;
    private final WriteBehindJournal journal;
    private final JdbcCallHistory history;

    private Journal(JournalDatabase database, Clock clock, Duration retention, int capacity) {
        this.database = database;
        Listeners listeners = new Listeners();
        this.journal = new WriteBehindJournal(new JournalStore(database.dataSource()), listeners, clock, retention,
                database.description(), database::close, capacity);
        this.history = new JdbcCallHistory(database.dataSource(), listeners, clock);
    }

    /**
     * Opens the journal the settings describe (see {@link JournalDatabase} for the order) and migrates its schema.
     *
     * @param contextPath the web application's context path: names the embedded default's folder
     * @throws JournalStartupException when the database cannot be opened or migrated; the message says what to do
     */
    public static Journal open(DatabaseSettings settings, String contextPath, Clock clock) {
        return open(JournalDatabase.choose(settings, contextPath), settings.retentionDays(), clock);
    }

    static Journal open(JournalDatabase database, int retentionDays, Clock clock) {
        return open(database, retentionDays, clock, WriteBehindJournal.CAPACITY);
    }

    /** @param capacity events held in memory at most (tests use a small one) */
    static Journal open(JournalDatabase database, int retentionDays, Clock clock, int capacity) {
        Objects.requireNonNull(clock);
        try {
            JournalSchema.migrate(database.dataSource(), database.description());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return new Journal(database, clock, Duration.ofDays(retentionDays), capacity);
    }

    /** The write side: committed call rows and hangups, steps written behind. Closing it closes the journal. */
    public CallJournal journal() {
        return journal;
    }

    /** The read side. */
    public CallHistory history() {
        return history;
    }

    /** Where the journal is stored, for the start-up log; never a password. */
    public String description() {
        return database.description();
    }

    public JournalHealth health() {
        return journal.health();
    }

    WriteBehindJournal writer() {
        return journal;
    }

    /** Deletes the calls older than the retention period now (the writer thread does it every hour). */
    int purgeExpired() throws SQLException {
        return journal.purgeExpired();
    }

    @Override
    public void close() {
        journal.close();
    }
}
