package com.inspireworks.ivr.journal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The journal's read side on the same database. Paging is by keyset ({@code requested_at, id}) newest first, so a
 * page costs the same however deep it is and calls stored meanwhile never shift a page. Thread-safe.
 */
final class JdbcCallHistory implements CallHistory {

    /** The most rows {@link #live} and {@link #eventsAfter} return at once. */
    static final int MAX_ROWS = 1000;
    /**
     * Calls older than this are not "live" whatever their state says: no call lasts longer than Plivo's 4 hours, so a
     * call still "requested" or "ringing" after that lost its end (a crash between recording and placing it).
     */
    static final Duration LONGEST_CALL = Duration.ofHours(4).plusMinutes(10);
    private static final Pattern CURSOR = Pattern.compile("(-?\\d{1,19}):([0-9a-fA-F-]{1,36})");

    private final DataSource dataSource;
    private final Listeners listeners;
    private final Clock clock;

    JdbcCallHistory(DataSource dataSource, Listeners listeners, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource);
        this.listeners = Objects.requireNonNull(listeners);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code query.after()} is not a cursor this journal gave out
     */
    @Override
    public CallPage search(CallQuery query) throws JournalUnavailableException {
        Optional<Cursor> after = query.after().map(Cursor::parse);
        StringBuilder sql = new StringBuilder("SELECT " + JournalRows.CALL_COLUMNS + " FROM journal_call WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        query.number().ifPresent(number -> {
            sql.append(" AND to_number = ?");
            values.add(number);
        });
        query.since().ifPresent(since -> {
            sql.append(" AND requested_at >= ?");
            values.add(since);
        });
        query.until().ifPresent(until -> {
            sql.append(" AND requested_at < ?");
            values.add(until);
        });
        query.state().ifPresent(state -> {
            sql.append(" AND state = ?");
            values.add(state.code());
        });
        query.outcome().ifPresent(outcome -> {
            sql.append(" AND outcome = ?");
            values.add(outcome.code());
        });
        after.ifPresent(cursor -> {
            sql.append(" AND (requested_at < ? OR (requested_at = ? AND id < ?))");
            values.add(cursor.requestedAt());
            values.add(cursor.requestedAt());
            values.add(cursor.id());
        });
        sql.append(" ORDER BY requested_at DESC, id DESC LIMIT ?");
        values.add(query.limit() + 1);
        List<CallRecord> calls = read(sql.toString(), values, JournalRows::call);
        Optional<String> next = Optional.empty();
        if (calls.size() > query.limit()) {
            calls = calls.subList(0, query.limit());
            CallRecord last = calls.get(calls.size() - 1);
            next = Optional.of(new Cursor(last.requestedAt(), last.id()).toString());
        }
        return new CallPage(calls, next);
    }

    @Override
    public Optional<CallDetail> find(String callId) throws JournalUnavailableException {
        if (callId == null || callId.length() > 36) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            List<CallRecord> call = read(connection, "SELECT " + JournalRows.CALL_COLUMNS
                    + " FROM journal_call WHERE id = ?", List.of(callId), JournalRows::call);
            if (call.isEmpty()) {
                return Optional.empty();
            }
            List<CallEvent> events = read(connection, "SELECT " + JournalRows.EVENT_COLUMNS
                    + " FROM journal_event WHERE call_id = ? ORDER BY at, id", List.of(callId), JournalRows::event);
            return Optional.of(new CallDetail(call.get(0), events));
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Funnel funnel(Instant since, Instant until) throws JournalUnavailableException {
        Objects.requireNonNull(since);
        Objects.requireNonNull(until);
        if (!since.isBefore(until)) {
            throw new IllegalArgumentException("the funnel's period must start before it ends");
        }
        String period = " FROM journal_call WHERE requested_at >= ? AND requested_at < ?";
        String placed = " AND state NOT IN ('requested', 'failed')";
        String answered = " AND state IN ('in-progress', 'completed')";
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            long[] counts = read(connection, "SELECT"
                    + " SUM(CASE WHEN state NOT IN ('requested', 'failed') THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN state IN ('in-progress', 'completed') THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN associate_leg IS NOT NULL OR dial_status = 'completed' THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN simulated AND state NOT IN ('requested', 'failed') THEN 1 ELSE 0 END)"
                    + period, List.of(since, until), row -> new long[] {row.getLong(1), row.getLong(2),
                        row.getLong(3), row.getLong(4)}).get(0);
            Map<String, Long> languages = grouped(connection, "language", period + answered, since, until);
            Map<String, Long> options = grouped(connection, "option_chosen", period + placed, since, until);
            return new Funnel(since, until, counts[0], counts[1], languages, options, counts[2], counts[3]);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public List<CallRecord> live(int limit) throws JournalUnavailableException {
        checkLimit(limit);
        return read("SELECT " + JournalRows.CALL_COLUMNS + " FROM journal_call"
                + " WHERE state IN ('requested', 'ringing', 'in-progress') AND requested_at >= ?"
                + " ORDER BY requested_at DESC, id DESC LIMIT ?",
                List.of(clock.instant().minus(LONGEST_CALL), limit), JournalRows::call);
    }

    @Override
    public List<CallEvent> eventsAfter(long afterEventId, int limit) throws JournalUnavailableException {
        checkLimit(limit);
        return read("SELECT " + JournalRows.EVENT_COLUMNS + " FROM journal_event WHERE id > ? AND call_id IS NOT NULL"
                + " ORDER BY id LIMIT ?", List.of(afterEventId, limit), JournalRows::event);
    }

    @Override
    public long lastEventId() throws JournalUnavailableException {
        return read("SELECT COALESCE(MAX(id), 0) FROM journal_event", List.of(), row -> row.getLong(1)).get(0);
    }

    @Override
    public AutoCloseable subscribe(Runnable listener) {
        return listeners.add(listener);
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_ROWS) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_ROWS);
        }
    }

    private Map<String, Long> grouped(Connection connection, String column, String where, Instant since,
            Instant until) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        for (Object[] row : read(connection, "SELECT " + column + ", COUNT(*)" + where + " AND " + column
                + " IS NOT NULL GROUP BY " + column, List.of(since, until),
                row -> new Object[] {row.getString(1), row.getLong(2)})) {
            counts.put((String) row[0], (Long) row[1]);
        }
        return counts;
    }

    private <T> List<T> read(String sql, List<Object> values, JournalRows.RowMapper<T> mapper)
            throws JournalUnavailableException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            return read(connection, sql, values, mapper);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static <T> List<T> read(Connection connection, String sql, List<Object> values,
            JournalRows.RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(JournalStore.QUERY_TIMEOUT_SECONDS);
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                if (value instanceof Instant instant) {
                    JournalRows.setInstant(statement, i + 1, instant);
                } else if (value instanceof Integer number) {
                    statement.setInt(i + 1, number);
                } else if (value instanceof Long number) {
                    statement.setLong(i + 1, number);
                } else {
                    statement.setString(i + 1, (String) value);
                }
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.add(mapper.map(row));
                }
            }
            return rows;
        }
    }

    private static JournalUnavailableException unavailable(SQLException e) {
        return new JournalUnavailableException("The call journal's database cannot be read: " + e.getMessage(), e);
    }

    /** Where a page ended: the last call's time and id, as opaque text ({@code base64url("micros:id")}). */
    record Cursor(Instant requestedAt, String id) {

        static Cursor parse(String text) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                Matcher matcher = CURSOR.matcher(decoded);
                if (matcher.matches()) {
                    long micros = Long.parseLong(matcher.group(1));
                    return new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), matcher.group(2));
                }
            } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
                // reported below
            }
            throw new IllegalArgumentException("Not a paging cursor of this journal: use the \"next\" value of the"
                    + " previous page as it was given");
        }

        @Override
        public String toString() {
            long micros = ChronoUnit.MICROS.between(Instant.EPOCH, requestedAt);
            return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + id)
                    .getBytes(StandardCharsets.UTF_8));
        }
    }
}
