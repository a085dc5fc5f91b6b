package com.inspireworks.ivr.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How the journal's rows map to Java and back, shared by the write and the read side. */
final class JournalRows {

    static final String CALL_COLUMNS = "id, requested_by, to_number, from_number, simulated, request_uuid, call_uuid,"
            + " state, outcome, language, option_chosen, dial_status, associate_leg, hangup_cause, hangup_source,"
            + " duration_seconds, billed_seconds, error, requested_at, answered_at, ended_at";
    static final String EVENT_COLUMNS = "id, call_id, at, type, language, detail, attempt, parameters, call_uuid,"
            + " request_uuid";
    /** Largest IN list sent in one statement. */
    static final int CHUNK = 500;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    private JournalRows() {
    }

    static CallRecord call(ResultSet row) throws SQLException {
        return new CallRecord(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                row.getBoolean(5), text(row, 6), text(row, 7),
                CallState.fromCode(row.getString(8)).orElse(CallState.REQUESTED),
                text(row, 9).flatMap(CallOutcome::fromCode), text(row, 10), text(row, 11), text(row, 12),
                text(row, 13), text(row, 14), text(row, 15), integer(row, 16), integer(row, 17), text(row, 18),
                instant(row, 19).orElseThrow(), instant(row, 20), instant(row, 21));
    }

    /** An event as stored; Plivo's ids, kept in columns of their own, are back among its parameters. */
    static CallEvent event(ResultSet row) throws SQLException {
        Map<String, String> parameters = new java.util.HashMap<>(parameters(row.getString(8)));
        text(row, 9).ifPresent(uuid -> parameters.put("CallUUID", uuid));
        text(row, 10).ifPresent(uuid -> parameters.put("ALegRequestUUID", uuid));
        return new CallEvent(row.getLong(1), row.getString(2), instant(row, 3).orElseThrow(), row.getString(4),
                text(row, 5), text(row, 6), row.getInt(7), parameters);
    }

    static Optional<String> text(ResultSet row, int column) throws SQLException {
        return Optional.ofNullable(row.getString(column));
    }

    static Optional<Integer> integer(ResultSet row, int column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? Optional.empty() : Optional.of(value);
    }

    static Optional<Instant> instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return Optional.ofNullable(value).map(OffsetDateTime::toInstant);
    }

    static void setInstant(PreparedStatement statement, int index, Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            statement.setObject(index, OffsetDateTime.ofInstant(PendingEvent.micros(value.get()), ZoneOffset.UTC));
        } else {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        setInstant(statement, index, Optional.of(value));
    }

    static void setText(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    static void setInteger(PreparedStatement statement, int index, Optional<Integer> value) throws SQLException {
        if (value.isPresent()) {
            statement.setInt(index, value.get());
        } else {
            statement.setNull(index, Types.INTEGER);
        }
    }

    static String json(Map<String, String> parameters) {
        try {
            return JSON.writeValueAsString(parameters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }

    static Map<String, String> parameters(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    /** {@code "?, ?, ?"} for {@code n} values. */
    static String placeholders(int n) {
        StringBuilder marks = new StringBuilder(n * 3);
        for (int i = 0; i < n; i++) {
            marks.append(i == 0 ? "?" : ", ?");
        }
        return marks.toString();
    }

    /** Runs {@code sql} (with one {@code %s} for the IN list) per chunk of {@code values}, collecting rows. */
    static <T> List<T> queryIn(Connection connection, String sql, Collection<String> values, RowMapper<T> mapper)
            throws SQLException {
        List<T> rows = new ArrayList<>();
        List<String> all = List.copyOf(values);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            try (PreparedStatement statement = connection.prepareStatement(String.format(sql,
                    placeholders(chunk.size())))) {
                for (int i = 0; i < chunk.size(); i++) {
                    statement.setString(i + 1, chunk.get(i));
                }
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        rows.add(mapper.map(row));
                    }
                }
            }
        }
        return rows;
    }

    /** Maps one row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

}
