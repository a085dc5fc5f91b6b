package com.inspireworks.ivr.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.inspireworks.ivr.support.EmbeddedIvr;
import com.inspireworks.ivr.support.FakePlivoApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WAR with no database configured: the embedded default keeps the call, across a restart. */
class JournalEmbeddedIT extends WalkedCallContract {

    @TempDir
    Path dataDir;

    @Test
    void aWalkedCallIsInTheEmbeddedJournalAfterARestart() throws Exception {
        Placed call;
        try (FakePlivoApi plivo = new FakePlivoApi();
                EmbeddedIvr ivr = EmbeddedIvr.start(0, "/ivr", settings(plivo, Map.of("ivr.data-dir",
                        dataDir.toString())))) {
            call = place(ivr, plivo);
            walk(ivr, call);
            JsonNode health = health(ivr);
            assertEquals("UP", health.get("journal").asText());
            assertEquals(0, health.get("journalEventsDropped").asLong());
        }
        assertTrue(Files.exists(dataDir.resolve("journal.mv.db")), "the file database is where ivr.data-dir says");
        assertJournaled(TestDatabases.h2Database(dataDir), call);
    }
}
