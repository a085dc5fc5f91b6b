package com.inspireworks.ivr.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.inspireworks.ivr.config.DatabaseSettings;
import com.inspireworks.ivr.support.CallWalker;
import com.inspireworks.ivr.support.EmbeddedIvr;
import com.inspireworks.ivr.support.FakePlivoApi;
import com.inspireworks.ivr.support.PlivoXmlDoc;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WAR on PostgreSQL (ivr.db.url), including the server going away in the middle of a call: the caller still
 * hears every menu, /health says DOWN with the count of steps not stored, the hangup is refused with 503 so that
 * Plivo retries it, and once the database is back everything is stored.
 */
class JournalPostgresIT extends WalkedCallContract {

    @TempDir
    Path pgData;

    @Test
    void aWalkedCallIsInPostgres() throws Exception {
        DatabaseSettings database = TestDatabases.postgresSettings();
        try (FakePlivoApi plivo = new FakePlivoApi();
                EmbeddedIvr ivr = EmbeddedIvr.start(0, "/ivr", settings(plivo, Map.of("ivr.db.url",
                        database.url().orElseThrow(), "ivr.db.user", "postgres")))) {
            Placed call = place(ivr, plivo);
            walk(ivr, call);
            // Read while the server runs: the steps are written behind, the hangup committed; wait for the steps.
            awaitHealth(ivr, h -> h.get("journalEventsNotStored").asLong() == 0);
            assertJournaled(JournalDatabase.pooled(database), call);
        }
    }

    @Test
    void anOutageNeverReachesTheCallerAndEverythingIsStoredWhenTheDatabaseIsBack() throws Exception {
        int port = EmbeddedIvr.freePort();
        EmbeddedPostgres pg = start(port);
        try (Connection connection = pg.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE ivr");
        }
        String url = pg.getJdbcUrl("postgres", "ivr");
        DatabaseSettings database = new DatabaseSettings(Optional.of(url), Optional.of("postgres"),
                Optional.empty(), Optional.empty(), 90);
        try (FakePlivoApi plivo = new FakePlivoApi();
                EmbeddedIvr ivr = EmbeddedIvr.start(0, "/ivr", settings(plivo, Map.of("ivr.db.url", url,
                        "ivr.db.user", "postgres")))) {
            Placed call = place(ivr, plivo);
            CallWalker walker = walker(ivr, call);
            walker.answer(call.answerUrl());

            pg.close();
            // Every menu still comes, at once.
            PlivoXmlDoc menu = walker.press("2");
            assertTrue(menu.tags().contains("GetDigits"), menu.tags().toString());
            walker.press("2");
            walker.dialEnds("busy");
            walker.press("1");
            JsonNode down = awaitHealth(ivr, h -> h.get("journal").asText().equals("DOWN"));
            assertEquals("UP", down.get("status").asText(), "the IVR itself is up");
            assertTrue(down.get("journalEventsNotStored").asLong() >= 4, down.toString());
            Map<String, String> report = Map.of("CallStatus", "completed", "HangupCause", "NORMAL_CLEARING",
                    "HangupSource", "Callee", "Duration", "42", "BillDuration", "42");
            assertEquals(503, walker.hangup(call.hangupUrl(), report), "Plivo is asked to retry the hangup");

            pg = start(port);
            JsonNode back = awaitHealth(ivr, h -> h.get("journal").asText().equals("UP")
                    && h.get("journalEventsNotStored").asLong() == 0);
            assertEquals(0, back.get("journalEventsDropped").asLong());
            assertEquals(200, walker.hangup(call.hangupUrl(), report), "Plivo's retry is stored");
            assertJournaled(JournalDatabase.pooled(database), call);
        } finally {
            pg.close();
        }
    }

    /** PostgreSQL on a fixed port and folder, so that it can be stopped and started again with its data. */
    private EmbeddedPostgres start(int port) throws Exception {
        return EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setPort(port)
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .start();
    }

    private static JsonNode awaitHealth(EmbeddedIvr ivr, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode health = health(ivr);
        while (!condition.test(health)) {
            assertTrue(System.nanoTime() < deadline, "/health never showed it: " + health);
            Thread.sleep(100);
            health = health(ivr);
        }
        return health;
    }
}
