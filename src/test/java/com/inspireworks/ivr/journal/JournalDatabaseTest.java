package com.inspireworks.ivr.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.inspireworks.ivr.lifecycle.OwnThreads;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalDatabaseTest {

    private static List<Thread> poolThreads() {
        return OwnThreads.named(name -> name.startsWith(JournalDatabase.POOL_NAME + ":"),
                Thread.currentThread().getContextClassLoader());
    }

    /**
     * Tomcat looks for threads left behind right after undeploy: once the journal's database is closed, none of its
     * pool's threads may still run (the Tomcat smoke test once failed on "ivr-journal:connection-closer").
     */
    @Test
    void closingTheDatabaseLeavesNoneOfItsPoolsThreadsRunning(@TempDir Path dir) throws Exception {
        List<Thread> before = poolThreads();
        JournalDatabase database = JournalDatabase.embedded(dir);
        // Connections taken and given back from several threads at once: the pool adds and closes connections on
        // threads of its own.
        List<CompletableFuture<Void>> users = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            users.add(CompletableFuture.runAsync(() -> {
                try (Connection connection = database.dataSource().getConnection()) {
                    connection.createStatement().execute("SELECT 1");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        users.forEach(CompletableFuture::join);
        database.close();
        List<Thread> left = poolThreads();
        left.removeAll(before);
        assertEquals(List.of(), left);
    }
}
