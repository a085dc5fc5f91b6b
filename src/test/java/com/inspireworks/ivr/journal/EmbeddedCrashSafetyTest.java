package com.inspireworks.ivr.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default is crash-safe: a call whose request and hangup were committed is still there after the JVM
 * was killed with SIGKILL (no shutdown hook, no close) right after the commits. H2's default WRITE_DELAY (500 ms)
 * loses exactly these; the journal sets it to 0.
 */
class EmbeddedCrashSafetyTest {

    @TempDir
    Path dataDir;

    @Test
    void aCommittedCallSurvivesAKilledJvm() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CommitThenWait.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String callId;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("COMMITTED "));
            assertTrue(line != null, "the child JVM did not commit (exit " + (child.isAlive() ? "-" : child.exitValue())
                    + ")");
            callId = line.substring("COMMITTED ".length());
            child.destroyForcibly(); // SIGKILL on Linux: nothing of the JVM runs any more
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL, not ended in order");

        try (Journal journal = Journal.open(TestDatabases.h2Database(dataDir), 90, Clock.systemUTC())) {
            CallRecord call = journal.history().find(callId).orElseThrow(() -> new AssertionError("call lost"))
                    .call();
            assertEquals(CallState.NOT_ANSWERED, call.state(), "the committed hangup is there too");
            assertEquals(Optional.of("USER_BUSY"), call.hangupCause());
        }
    }

    /** The child JVM: commits a call and its hangup on the embedded default, says so, and waits to be killed. */
    public static final class CommitThenWait {

        public static void main(String[] args) throws Exception {
            Journal journal = Journal.open(JournalDatabase.embedded(Path.of(args[0])), 90, Clock.systemUTC());
            String callId = UUID.randomUUID().toString();
            journal.journal().requested(new CallRequested(callId, "operator", "+14155550123", "+14155550100", false,
                    Instant.now()));
            journal.journal().ended(new CallEnded(new PlivoCallParameters(Optional.of(callId), Map.of("CallUUID",
                    UUID.randomUUID().toString(), "CallStatus", "busy", "HangupCause", "USER_BUSY")), Instant.now()));
            System.out.println("COMMITTED " + callId);
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }
}
