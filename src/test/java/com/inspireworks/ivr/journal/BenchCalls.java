package com.inspireworks.ivr.journal;

import com.inspireworks.ivr.bench.JournalRequests;
import com.inspireworks.ivr.config.DatabaseSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * For bench/journal.sh: records calls as the app does before Plivo calls back (the call row, then its request id
 * from the create-call answer), so that the sustained run's webhooks belong to calls the journal knows and take the
 * whole path: linking, the row lock, the call's row derived again, the committed hangup. Runs before the server
 * starts (the embedded database's file is then free) and migrates the schema like the app.
 *
 * <pre>java -cp ... com.inspireworks.ivr.journal.BenchCalls (h2 DATA_DIR | postgresql JDBC_URL) PREFIX COUNT...</pre>
 */
public final class BenchCalls {

    private BenchCalls() {
    }

    public static void main(String[] args) throws Exception {
        JournalDatabase database = args[0].equals("h2") ? JournalDatabase.embedded(Path.of(args[1]))
                : JournalDatabase.pooled(new DatabaseSettings(Optional.of(args[1]), Optional.of("ivr"),
                        Optional.empty(), Optional.empty(), 90));
        try (database) {
            JournalSchema.migrate(database.dataSource(), database.description());
            JournalStore store = new JournalStore(database.dataSource());
            for (int arg = 2; arg + 1 < args.length; arg += 2) {
                String prefix = args[arg];
                int count = Integer.parseInt(args[arg + 1]);
                record(database, store, prefix, count);
                System.out.println("recorded " + count + " calls " + prefix);
            }
        }
    }

    /**
     * Records {@code count} calls as the app does before Plivo calls back: the row, then {@code placed} with the
     * request id, both in batches of 1,000. Ids from {@link JournalRequests}, so pre-signed webhooks find them.
     */
    static void record(JournalDatabase database, JournalStore store, String prefix, int count) throws Exception {
        Instant at = Instant.now();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO journal_call (id,"
                        + " requested_by, to_number, from_number, simulated, requested_at, state)"
                        + " VALUES (?, 'bench', '+14155550123', '+14155550100', FALSE, ?, 'requested')")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                insert.setString(1, JournalRequests.callId(prefix, i));
                JournalRows.setInstant(insert, 2, at);
                insert.addBatch();
                if (i % 1000 == 999 || i == count - 1) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
        }
        List<PendingEvent> placed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            placed.add(PendingEvent.placed(new CallPlaced(JournalRequests.callId(prefix, i),
                    JournalRequests.requestUuid(prefix, i), at)));
            if (placed.size() == 1000 || i == count - 1) {
                store.store(placed);
                placed.clear();
            }
        }
    }
}
