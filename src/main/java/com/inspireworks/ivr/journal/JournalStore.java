package com.inspireworks.ivr.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The journal's writes, in SQL that PostgreSQL and H2 (PostgreSQL mode) both run.
 *
 * <p>Every write is idempotent: the call row's key is our call id, and every event has a natural key
 * ({@link PendingEvent}) under a unique constraint, inserted with {@code ON CONFLICT DO NOTHING}, so a retried or
 * replayed webhook, or a batch written again after a failed commit, stores nothing twice.
 *
 * <p><b>Linking without server state.</b> Only the answer and hangup URLs carry our call id. A step without it is
 * linked by Plivo's CallUUID (which the answer step stored on the call) or by ALegRequestUUID (the request id the
 * {@code placed} event stored), looked up in the database and in the batch itself, so any instance can store any
 * step. A step whose call is not known yet (stored by another instance that has not written its part) is kept with
 * no call and linked later by {@link #linkUnlinked}.
 *
 * <p><b>The call row</b> is derived from all of the call's events ({@link CallSummary}) each time new events of it
 * are stored, under a row lock taken after the events were inserted, so concurrent writers (the write-behind
 * batches, the committed hangup, other instances) cannot overwrite each other's view with an older one.
 */
final class JournalStore {

    private static final String INSERT_CALL = "INSERT INTO journal_call (id, requested_by, to_number, from_number,"
            + " simulated, requested_at, state) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String INSERT_EVENT = "INSERT INTO journal_event (call_id, step_key, at, type, language,"
            + " detail, attempt, call_uuid, request_uuid, parameters) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT DO NOTHING";
    private static final String UPDATE_CALL = "UPDATE journal_call SET state = ?, outcome = ?, request_uuid = ?,"
            + " call_uuid = ?, language = ?, option_chosen = ?, dial_status = ?, associate_leg = ?, hangup_cause = ?,"
            + " hangup_source = ?, duration_seconds = ?, billed_seconds = ?, error = ?, answered_at = ?, ended_at = ?"
            + " WHERE id = ?";
    /** Seconds a single statement may take before the write counts as failed. */
    static final int QUERY_TIMEOUT_SECONDS = 10;

    private final DataSource dataSource;
    /** Which database this is, once known (see {@link #dialect}). */
    private volatile Dialect dialect;

    JournalStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource);
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** The call row and its {@code requested} event, committed. */
    void requested(CallRequested call) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            // Two plain inserts, no IN list to plan: none of begin()'s extra round trip while the operator waits.
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement insert = connection.prepareStatement(INSERT_CALL)) {
                    insert.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                    insert.setString(1, call.callId());
                    insert.setString(2, call.requestedBy());
                    insert.setString(3, call.to());
                    insert.setString(4, call.from());
                    insert.setBoolean(5, call.simulated());
                    JournalRows.setInstant(insert, 6, call.at());
                    insert.setString(7, CallState.REQUESTED.code());
                    insert.executeUpdate();
                }
                insertEvents(connection, List.of(PendingEvent.requested(call)), List.of(Optional.of(call.callId())));
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(connection);
                throw e;
            }
        }
    }

    /**
     * Stores events in one transaction: links them, inserts those not stored before, derives the rows of their
     * calls again. Committed when it returns.
     */
    void store(List<PendingEvent> events) throws SQLException {
        store(events, Set.of());
    }

    /** As {@link #store(List)}; the rows of {@code alsoSummarise} are derived again too. */
    void store(List<PendingEvent> events, Set<String> alsoSummarise) throws SQLException {
        if (events.isEmpty() && alsoSummarise.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            begin(connection);
            try {
                List<Optional<String>> calls = link(connection, events);
                Set<String> touched = new TreeSet<>(alsoSummarise);
                calls.forEach(call -> call.ifPresent(touched::add));
                Map<String, CallSummary> locked = lock(connection, touched);
                insertEvents(connection, events, calls);
                summarise(connection, locked);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(connection);
                throw e;
            }
        }
    }

    /**
     * Stores events and commits them, WITHOUT deriving their calls' rows: the short transaction callers wait for (the
     * hangup callbacks, several at once through {@link GroupCommit}). Returns the call each was linked to, in order;
     * the writer derives their rows next.
     */
    List<Optional<String>> storeOnly(List<PendingEvent> events) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            begin(connection);
            try {
                List<Optional<String>> calls = link(connection, events);
                // Inserted in the order of their calls' ids: each insert share-locks its call's row (the foreign
                // key), and the writer locks rows in id order too, so neither waits for the other in a circle.
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < events.size(); i++) {
                    order.add(i);
                }
                order.sort(java.util.Comparator.comparing(i -> calls.get(i).orElse("")));
                List<PendingEvent> sortedEvents = new ArrayList<>(events.size());
                List<Optional<String>> sortedCalls = new ArrayList<>(events.size());
                for (int i : order) {
                    sortedEvents.add(events.get(i));
                    sortedCalls.add(calls.get(i));
                }
                insertEvents(connection, sortedEvents, sortedCalls);
                connection.commit();
                return calls;
            } catch (SQLException | RuntimeException e) {
                rollback(connection);
                throw e;
            }
        }
    }

    /**
     * Derives again the rows of calls that have a stored hangup but no end on their row: the hangup is committed
     * first and the row derived right after, so a crash in between leaves such a call. Returns how many were fixed.
     */
    int reconcileEnded(Instant since, int limit) throws SQLException {
        Set<String> calls = new TreeSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT c.id FROM journal_call c"
                        + " WHERE c.state IN ('requested', 'ringing', 'in-progress', 'failed') AND c.ended_at IS NULL"
                        + " AND c.requested_at >= ? AND EXISTS (SELECT 1 FROM journal_event e WHERE e.call_id = c.id"
                        + " AND e.type = 'hangup') LIMIT ?")) {
            JournalRows.setInstant(select, 1, since);
            select.setInt(2, limit);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    calls.add(row.getString(1));
                }
            }
        }
        if (!calls.isEmpty()) {
            store(List.of(), calls);
        }
        return calls.size();
    }

    /** What one pass of {@link #linkUnlinked} did: how many it linked, the last id it looked at, how many it saw. */
    record Linked(int linked, long lastId, int seen) {
    }

    /**
     * Links events that were stored before their call was known (other instances, or an outage that reordered
     * writes), newer than {@code since}, at most {@code limit} of them with an id above {@code afterId}: steps that
     * never find their call (an inbound call, a forged request) must not hide the others, so callers go round.
     */
    Linked linkUnlinked(Instant since, long afterId, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            begin(connection);
            try {
                Map<Long, String[]> unlinked = new LinkedHashMap<>();
                try (PreparedStatement select = connection.prepareStatement("SELECT id, call_uuid, request_uuid"
                        + " FROM journal_event WHERE call_id IS NULL AND at >= ? AND id > ? ORDER BY id LIMIT ?")) {
                    JournalRows.setInstant(select, 1, since);
                    select.setLong(2, afterId);
                    select.setInt(3, limit);
                    try (ResultSet row = select.executeQuery()) {
                        while (row.next()) {
                            unlinked.put(row.getLong(1), new String[] {row.getString(2), row.getString(3)});
                        }
                    }
                }
                if (unlinked.isEmpty()) {
                    connection.commit();
                    return new Linked(0, afterId, 0);
                }
                long lastId = 0;
                for (long id : unlinked.keySet()) {
                    lastId = Math.max(lastId, id);
                }
                Set<String> callUuids = new HashSet<>();
                Set<String> requestUuids = new HashSet<>();
                unlinked.values().forEach(ids -> {
                    if (ids[0] != null) {
                        callUuids.add(ids[0]);
                    }
                    if (ids[1] != null) {
                        requestUuids.add(ids[1]);
                    }
                });
                Map<String, String> byCallUuid = callsBy(connection, "call_uuid", callUuids);
                Map<String, String> byRequestUuid = callsBy(connection, "request_uuid", requestUuids);
                Set<String> touched = new TreeSet<>();
                for (String[] ids : unlinked.values()) {
                    String call = ids[0] == null ? null : byCallUuid.get(ids[0]);
                    call = call == null && ids[1] != null ? byRequestUuid.get(ids[1]) : call;
                    if (call != null) {
                        touched.add(call);
                    }
                }
                Map<String, CallSummary> locked = lock(connection, touched);
                int linked = 0;
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE journal_event SET call_id = ? WHERE id = ? AND call_id IS NULL")) {
                    for (Map.Entry<Long, String[]> event : unlinked.entrySet()) {
                        String call = event.getValue()[0] == null ? null : byCallUuid.get(event.getValue()[0]);
                        if (call == null && event.getValue()[1] != null) {
                            call = byRequestUuid.get(event.getValue()[1]);
                        }
                        if (call != null) {
                            update.setString(1, call);
                            update.setLong(2, event.getKey());
                            update.addBatch();
                            linked++;
                        }
                    }
                    if (linked > 0) {
                        update.executeBatch();
                    }
                }
                summarise(connection, locked);
                connection.commit();
                return new Linked(linked, lastId, unlinked.size());
            } catch (SQLException | RuntimeException e) {
                rollback(connection);
                throw e;
            }
        }
    }

    /**
     * Deletes calls requested before {@code before} with their events, and unlinked events older than that, in
     * short transactions of at most {@code chunk} calls. Returns how many calls were deleted.
     */
    int purge(Instant before, int chunk) throws SQLException {
        int deleted = 0;
        try (Connection connection = dataSource.getConnection()) {
            begin(connection);
            try {
                while (true) {
                    List<String> ids = new ArrayList<>();
                    try (PreparedStatement select = connection.prepareStatement("SELECT id FROM journal_call"
                            + " WHERE requested_at < ? ORDER BY requested_at LIMIT ?")) {
                        JournalRows.setInstant(select, 1, before);
                        select.setInt(2, chunk);
                        try (ResultSet row = select.executeQuery()) {
                            while (row.next()) {
                                ids.add(row.getString(1));
                            }
                        }
                    }
                    if (ids.isEmpty()) {
                        break;
                    }
                    String in = JournalRows.placeholders(ids.size());
                    for (String sql : List.of("DELETE FROM journal_event WHERE call_id IN (" + in + ")",
                            "DELETE FROM journal_call WHERE id IN (" + in + ")")) {
                        try (PreparedStatement delete = connection.prepareStatement(sql)) {
                            for (int i = 0; i < ids.size(); i++) {
                                delete.setString(i + 1, ids.get(i));
                            }
                            delete.executeUpdate();
                        }
                    }
                    connection.commit();
                    deleted += ids.size();
                }
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM journal_event WHERE call_id IS NULL AND at < ?")) {
                    JournalRows.setInstant(delete, 1, before);
                    delete.executeUpdate();
                }
                connection.commit();
                return deleted;
            } catch (SQLException | RuntimeException e) {
                rollback(connection);
                throw e;
            }
        }
    }

    /** Whether the database answers at all (to tell an outage from a bad event). */
    boolean reachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** The call of each event, or empty when it cannot be linked yet. */
    private List<Optional<String>> link(Connection connection, List<PendingEvent> events) throws SQLException {
        Set<String> named = new HashSet<>();
        events.forEach(event -> event.callId().ifPresent(named::add));
        Set<String> known = new HashSet<>(JournalRows.queryIn(connection,
                "SELECT id FROM journal_call WHERE id IN (%s)", named, row -> row.getString(1)));
        // What this batch itself tells: the answer step carries our call id and the CallUUID, placed the request id.
        Map<String, String> byCallUuid = new HashMap<>();
        Map<String, String> byRequestUuid = new HashMap<>();
        Set<String> callUuids = new HashSet<>();
        Set<String> requestUuids = new HashSet<>();
        for (PendingEvent event : events) {
            Optional<String> call = event.callId().filter(known::contains);
            if (call.isPresent()) {
                event.callUuid().ifPresent(uuid -> byCallUuid.putIfAbsent(uuid, call.get()));
                event.requestUuid().ifPresent(uuid -> byRequestUuid.putIfAbsent(uuid, call.get()));
            } else {
                event.callUuid().ifPresent(callUuids::add);
                event.requestUuid().ifPresent(requestUuids::add);
            }
        }
        callUuids.removeAll(byCallUuid.keySet());
        requestUuids.removeAll(byRequestUuid.keySet());
        callsBy(connection, "call_uuid", callUuids).forEach(byCallUuid::putIfAbsent);
        callsBy(connection, "request_uuid", requestUuids).forEach(byRequestUuid::putIfAbsent);
        List<Optional<String>> calls = new ArrayList<>(events.size());
        for (PendingEvent event : events) {
            Optional<String> call = event.callId().filter(known::contains)
                    .or(() -> event.callUuid().map(byCallUuid::get))
                    .or(() -> event.requestUuid().map(byRequestUuid::get));
            calls.add(call);
        }
        return calls;
    }

    /** Call ids by the value of {@code column} ({@code call_uuid} or {@code request_uuid}). */
    private static Map<String, String> callsBy(Connection connection, String column, Set<String> values)
            throws SQLException {
        Map<String, String> calls = new HashMap<>();
        if (values.isEmpty()) {
            return calls;
        }
        for (String[] pair : JournalRows.queryIn(connection, "SELECT " + column + ", id FROM journal_call WHERE "
                + column + " IN (%s)", values, row -> new String[] {row.getString(1), row.getString(2)})) {
            calls.putIfAbsent(pair[0], pair[1]);
        }
        return calls;
    }

    private static void insertEvents(Connection connection, List<PendingEvent> events, List<Optional<String>> calls)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
            insert.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            for (int i = 0; i < events.size(); i++) {
                PendingEvent event = events.get(i);
                JournalRows.setText(insert, 1, calls.get(i));
                insert.setString(2, event.stepKey());
                JournalRows.setInstant(insert, 3, event.at());
                insert.setString(4, event.type());
                JournalRows.setText(insert, 5, event.language());
                JournalRows.setText(insert, 6, event.detail());
                insert.setInt(7, event.attempt());
                JournalRows.setText(insert, 8, event.callUuid());
                JournalRows.setText(insert, 9, event.requestUuid());
                insert.setString(10, JournalRows.json(event.parameters()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Locks the rows of {@code calls} in id order (so that two writers never wait for each other in a circle) and
     * returns what they say now. Taken BEFORE the events are inserted: on PostgreSQL an insert that references a
     * call takes a share lock on its row, and two writers holding that share lock while each waits to update the
     * row deadlock.
     */
    private Map<String, CallSummary> lock(Connection connection, Set<String> calls) throws SQLException {
        Map<String, CallSummary> current = new HashMap<>();
        if (calls.isEmpty()) {
            return current;
        }
        for (Object[] row : JournalRows.queryIn(connection, "SELECT id, state, outcome, request_uuid, call_uuid,"
                + " language, option_chosen, dial_status, associate_leg, hangup_cause, hangup_source,"
                + " duration_seconds, billed_seconds, error, answered_at, ended_at FROM journal_call"
                + " WHERE id IN (%s) ORDER BY id " + rowLock(connection), calls, JournalStore::summaryRow)) {
            current.put((String) row[0], (CallSummary) row[1]);
        }
        return current;
    }

    /**
     * The row lock for deriving a call's row. On PostgreSQL {@code FOR NO KEY UPDATE}: the row's key never changes,
     * and unlike {@code FOR UPDATE} it does not conflict with the key-share lock an insert of a step takes on its call
     * (the foreign key), so a hangup that a caller waits for need not wait for the writer's transaction on its call
     * (PostgreSQL's row-lock conflict table; the profile showed no throughput difference either way). H2 knows only
     * {@code FOR UPDATE}.
     */
    private String rowLock(Connection connection) throws SQLException {
        return dialect(connection).postgres ? "FOR NO KEY UPDATE" : "FOR UPDATE";
    }

    /**
     * Starts a transaction. On PostgreSQL 12 and later, its statements are planned for the values they are given:
     * the driver prepares a statement it has run five times on the server, and after five more runs the server may
     * plan it once for any values. For {@code call_id IN (?, ...)} that generic plan was a scan of every event,
     * whatever the index (the table's statistics had been taken while it was small), on every batch: measured with
     * JournalStoreProfile, whole calls went from 6,800 to 1,400 events/s and 160 to 740 µs of the server's CPU per
     * event as the table grew. {@code SET LOCAL} ends with the transaction, so a pool shared with others (a container's
     * DataSource) is left as it was.
     */
    private void begin(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        if (dialect(connection).customPlans) {
            try (Statement set = connection.createStatement()) {
                set.execute("SET LOCAL plan_cache_mode = force_custom_plan");
            }
        }
    }

    /** What this database is, found out once. */
    private record Dialect(boolean postgres, boolean customPlans) {
    }

    private Dialect dialect(Connection connection) throws SQLException {
        Dialect known = dialect;
        if (known == null) {
            var metadata = connection.getMetaData();
            boolean postgres = metadata.getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                    .contains("postgres");
            known = new Dialect(postgres, postgres && metadata.getDatabaseMajorVersion() >= 12);
            dialect = known;
        }
        return known;
    }

    /** Derives the rows of the locked calls again from all their events; writes those that changed. */
    private static void summarise(Connection connection, Map<String, CallSummary> current) throws SQLException {
        if (current.isEmpty()) {
            return;
        }
        Map<String, List<CallEvent>> events = new HashMap<>();
        for (CallEvent event : JournalRows.queryIn(connection, "SELECT " + JournalRows.EVENT_COLUMNS
                + " FROM journal_event WHERE call_id IN (%s) ORDER BY at, id", current.keySet(),
                JournalRows::event)) {
            events.computeIfAbsent(event.callId(), id -> new ArrayList<>()).add(event);
        }
        int changed = 0;
        try (PreparedStatement update = connection.prepareStatement(UPDATE_CALL)) {
            update.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            for (Map.Entry<String, CallSummary> call : current.entrySet()) {
                CallSummary summary = CallSummary.of(events.getOrDefault(call.getKey(), List.of()));
                if (summary.equals(call.getValue())) {
                    continue;
                }
                update.setString(1, summary.state().code());
                JournalRows.setText(update, 2, summary.outcome().map(CallOutcome::code));
                JournalRows.setText(update, 3, summary.requestUuid());
                JournalRows.setText(update, 4, summary.callUuid());
                JournalRows.setText(update, 5, summary.language());
                JournalRows.setText(update, 6, summary.option());
                JournalRows.setText(update, 7, summary.dialStatus());
                JournalRows.setText(update, 8, summary.associateLeg());
                JournalRows.setText(update, 9, summary.hangupCause());
                JournalRows.setText(update, 10, summary.hangupSource());
                JournalRows.setInteger(update, 11, summary.durationSeconds());
                JournalRows.setInteger(update, 12, summary.billedSeconds());
                JournalRows.setText(update, 13, summary.error().map(e -> e.length() > 1000 ? e.substring(0, 1000)
                        : e));
                JournalRows.setInstant(update, 14, summary.answeredAt());
                JournalRows.setInstant(update, 15, summary.endedAt());
                update.setString(16, call.getKey());
                update.addBatch();
                changed++;
            }
            if (changed > 0) {
                update.executeBatch();
            }
        }
    }

    private static Object[] summaryRow(ResultSet row) throws SQLException {
        CallSummary summary = new CallSummary(CallState.fromCode(row.getString(2)).orElse(CallState.REQUESTED),
                JournalRows.text(row, 3).flatMap(CallOutcome::fromCode), JournalRows.text(row, 4),
                JournalRows.text(row, 5), JournalRows.text(row, 6), JournalRows.text(row, 7),
                JournalRows.text(row, 8), JournalRows.text(row, 9), JournalRows.text(row, 10),
                JournalRows.text(row, 11), JournalRows.integer(row, 12), JournalRows.integer(row, 13),
                JournalRows.text(row, 14), JournalRows.instant(row, 15), JournalRows.instant(row, 16));
        return new Object[] {row.getString(1), summary};
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException ignored) {
            // the connection is broken; the pool discards it
        }
    }
}
