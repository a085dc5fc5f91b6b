package com.inspireworks.ivr.journal;

import com.inspireworks.ivr.config.DatabaseSettings;

/** The journal's contract on PostgreSQL, through the application-managed pool (ivr.db.url). */
class PostgresJournalTest extends JournalContractTest {

    private DatabaseSettings current;

    @Override
    JournalDatabase newDatabase() {
        current = TestDatabases.postgresSettings();
        return JournalDatabase.pooled(current);
    }

    @Override
    JournalDatabase reopenDatabase() {
        return JournalDatabase.pooled(current);
    }
}
