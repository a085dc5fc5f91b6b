package com.inspireworks.ivr.journal;

import com.inspireworks.ivr.bench.JournalRequests;
import com.inspireworks.ivr.config.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The journal's write path alone, without Tomcat or HTTP: where the CPU per stored event goes, on each database.
 * Caller threads hand steps to the real {@link Journal} (write-behind queue, writer thread, committed hangups) as
 * fast as the writer takes them (they wait while more than {@link #IN_FLIGHT} are waiting, so nothing is dropped and
 * the writer always has full batches), then the run waits until everything is stored and prints what it cost: wall
 * time, events per second, CPU of this JVM (the writer thread on its own) and of the PostgreSQL server's processes,
 * in microseconds per event. Run it with {@code -XX:StartFlightRecording} for a profile of the JVM's side.
 *
 * <pre>java -cp ... com.inspireworks.ivr.journal.JournalStoreProfile (h2|postgresql) (unknown|calls) EVENTS WORK_DIR
 *     [WARMUP_EVENTS]</pre>
 *
 * {@code unknown}: what bench/journal.sh's ratio runs send, every request the answered step of a call the journal
 * does not know (its own CallUUID, one shared ALegRequestUUID), stored unlinked. {@code calls}: what its sustained
 * run sends, whole calls recorded beforehand as requested and placed (like {@link BenchCalls}): eight steps written
 * behind and the hangup committed on the caller's thread. PostgreSQL runs as in the benchmark: zonky's binaries,
 * fsync and synchronous_commit on, the application's pool.
 *
 * <p>System properties for experiments: {@code profile.sql} (statements separated by {@code ;} run after the
 * migration, e.g. dropping an index to see what it costs), {@code profile.explain} (queries run twice after the
 * measured run, timed; the plan printed for {@code EXPLAIN ...}), {@code profile.unused-calls} (calls recorded as
 * placed but never walked, as bench/journal.sh records far more calls than it walks), {@code profile.url-suffix}
 * (appended to PostgreSQL's JDBC URL, e.g. {@code &reWriteBatchedInserts=true}).
 */
public final class JournalStoreProfile {

    static final int CALLERS = 16;
    static final int IN_FLIGHT = 20_000;
    private static final String UNKNOWN_REQUEST = "feed0000-1111-2222-3333-444455556666";

    private JournalStoreProfile() {
    }

    public static void main(String[] args) throws Exception {
        String db = args[0];
        String mode = args[1];
        int events = Integer.parseInt(args[2]);
        Path work = Path.of(args[3]);
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : events / 5;
        Files.createDirectories(work);
        EmbeddedPostgres pg = null;
        JournalDatabase database;
        if (db.equals("postgresql")) {
            pg = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                    .setDataDirectory(work.resolve("pgdata")).setCleanDataDirectory(true).start();
            try (Connection connection = pg.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE ivr");
            }
            database = JournalDatabase.pooled(new DatabaseSettings(Optional.of(pg.getJdbcUrl("postgres", "ivr") + System.getProperty("profile.url-suffix", "")),
                    Optional.of("postgres"), Optional.empty(), Optional.empty(), 90));
        } else {
            Path dir = work.resolve("h2");
            deleteTree(dir);
            database = JournalDatabase.embedded(dir);
        }
        Path pgData = work.resolve("pgdata");
        try (Journal journal = Journal.open(database, 90, Clock.systemUTC(), 50_000)) {
            String extra = System.getProperty("profile.sql", "");
            if (!extra.isBlank()) {
                // Experiments: statements run after the migration (e.g. dropping an index to see what it costs).
                try (Connection connection = database.dataSource().getConnection();
                        Statement statement = connection.createStatement()) {
                    for (String sql : extra.split(";")) {
                        statement.execute(sql);
                    }
                }
            }
            if (mode.equals("calls")) {
                int calls = (warmup + events) / 9 + CALLERS + 1;
                record(database, "w", calls);
                // bench/journal.sh records every call its pre-signed pools could reach, far more than it walks
                int unused = Integer.getInteger("profile.unused-calls", 0);
                if (unused > 0) {
                    record(database, "unused", unused);
                }
            }
            System.out.printf("%s %s: warm-up %d events%n", db, mode, warmup);
            run(journal, mode, "w", warmup, 0);
            long[] before = cpu(pg != null ? pgData : null);
            long writerBefore = writerCpu();
            long start = System.nanoTime();
            run(journal, mode, "w", events, warmup);
            long wall = System.nanoTime() - start;
            long[] after = cpu(pg != null ? pgData : null);
            long writer = writerCpu() - writerBefore;
            double seconds = wall / 1e9;
            System.out.printf("%s %s: %d events in %.1f s = %.0f events/s; CPU per event: JVM %.1f µs (writer"
                    + " thread %.1f µs), PostgreSQL %.1f µs, total %.1f µs; dropped %d%n", db, mode, events, seconds,
                    events / seconds, (after[0] - before[0]) / 1e3 / events, writer / 1e3 / events,
                    (after[1] - before[1]) / 1e3 / events, (after[0] - before[0] + after[1] - before[1]) / 1e3
                            / events, journal.health().eventsDropped());
            System.out.println("rows: " + count(database));
            String explain = System.getProperty("profile.explain", "");
            if (!explain.isBlank()) {
                try (Connection connection = database.dataSource().getConnection();
                        Statement statement = connection.createStatement()) {
                    for (String sql : explain.split(";")) {
                        for (int i = 0; i < 2; i++) {
                            long t0 = System.nanoTime();
                            try (ResultSet r = statement.executeQuery(sql)) {
                                while (r.next()) {
                                    if (sql.startsWith("EXPLAIN") && i == 1) {
                                        System.out.println(r.getString(1));
                                    }
                                }
                            }
                            System.out.printf("%.1f ms: %s%n", (System.nanoTime() - t0) / 1e6, sql);
                        }
                    }
                }
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    /** Records calls as the app does before Plivo calls back, as bench/journal.sh does. */
    private static void record(JournalDatabase database, String prefix, int count) throws Exception {
        BenchCalls.record(database, new JournalStore(database.dataSource()), prefix, count);
    }

    /** Sends {@code events} events from {@link #CALLERS} threads, then waits until all are stored. */
    private static void run(Journal journal, String mode, String prefix, int events, int offset) throws Exception {
        AtomicInteger next = new AtomicInteger(offset);
        int end = offset + events;
        CallJournal writes = journal.journal();
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < CALLERS; t++) {
            Thread caller = new Thread(() -> {
                try {
                    if (mode.equals("unknown")) {
                        for (int i = next.getAndIncrement(); i < end; i = next.getAndIncrement()) {
                            throttle(writes);
                            String uuid = String.format("%s-%08x-0000-4000-8000-000000000000", prefix, i);
                            writes.step(new CallStep(StepType.ANSWERED, Optional.empty(), Optional.empty(), 1,
                                    parameters(uuid, UNKNOWN_REQUEST, Map.of()), Instant.now()));
                        }
                    } else {
                        // Calls, not events, are handed out: one caller walks a call's nine steps in turn.
                        for (int i = next.getAndAdd(9); i < end; i = next.getAndAdd(9)) {
                            walk(writes, prefix, i / 9);
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "caller-" + t);
            caller.start();
            callers.add(caller);
        }
        for (Thread caller : callers) {
            caller.join();
        }
        if (!journal.writer().flush(Duration.ofMinutes(10))) {
            throw new IllegalStateException("the writer did not catch up");
        }
    }

    /** The nine webhooks of bench/journal.sh's whole call (JournalRequests.CALL), as IvrWebhooks records them. */
    private static void walk(CallJournal writes, String prefix, int call) throws Exception {
        String uuid = String.format("%s-%08x-0000-4000-8000-000000000000", prefix, call);
        String callId = JournalRequests.callId(prefix, call);
        String request = JournalRequests.requestUuid(prefix, call);
        Optional<String> en = Optional.of("en");
        Optional<String> es = Optional.of("es");
        step(writes, StepType.ANSWERED, Optional.empty(), Optional.empty(), 1, uuid, Optional.of(callId), request,
                Map.of());
        step(writes, StepType.LANGUAGE, en, Optional.of("1"), 1, uuid, Optional.empty(), request,
                Map.of("Digits", "1"));
        step(writes, StepType.MENU, en, Optional.empty(), 1, uuid, Optional.empty(), request, Map.of());
        step(writes, StepType.INVALID, en, Optional.of("9"), 1, uuid, Optional.empty(), request,
                Map.of("Digits", "9"));
        step(writes, StepType.OPTION, en, Optional.of("associate"), 2, uuid, Optional.empty(), request,
                Map.of("Digits", "2"));
        step(writes, StepType.LANGUAGE, es, Optional.of("2"), 2, uuid, Optional.empty(), request,
                Map.of("Digits", "2"));
        step(writes, StepType.MENU, es, Optional.empty(), 1, uuid, Optional.empty(), request, Map.of());
        step(writes, StepType.OPTION, es, Optional.of("message"), 1, uuid, Optional.empty(), request,
                Map.of("Digits", "1"));
        Map<String, String> values = new HashMap<>(parameters(uuid, request, Map.of("HangupCause",
                "NORMAL_CLEARING", "Duration", "42")).values());
        writes.ended(new CallEnded(new PlivoCallParameters(Optional.of(callId), values), Instant.now()));
    }

    private static void step(CallJournal writes, StepType type, Optional<String> language, Optional<String> detail,
            int attempt, String uuid, Optional<String> callId, String request, Map<String, String> extra) {
        throttle(writes);
        writes.step(new CallStep(type, language, detail, attempt, new PlivoCallParameters(callId,
                parameters(uuid, request, extra).values()), Instant.now()));
    }

    private static PlivoCallParameters parameters(String uuid, String request, Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of("CallUUID", uuid, "From", "+14155550100", "To",
                "+14155550123", "Direction", "outbound", "CallStatus", "in-progress", "ALegRequestUUID", request));
        values.putAll(extra);
        return new PlivoCallParameters(Optional.empty(), values);
    }

    private static void throttle(CallJournal writes) {
        while (writes.health().eventsWaiting() > IN_FLIGHT) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static long writerCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
            if (info.getThreadName().equals("ivr-journal-writer")) {
                return threads.getThreadCpuTime(info.getThreadId());
            }
        }
        return 0;
    }

    /** {this JVM's CPU ns, the PostgreSQL server's CPU ns (its postmaster and every child)}. */
    private static long[] cpu(Path pgData) throws IOException {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long server = 0;
        if (pgData != null) {
            long postmaster = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
            long tick = 10_000_000L; // USER_HZ = 100 on Linux
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    String[] stat;
                    try {
                        String text = Files.readString(proc.resolve("stat"));
                        stat = text.substring(text.lastIndexOf(')') + 2).split(" ");
                    } catch (IOException gone) {
                        continue;
                    }
                    long pid = Long.parseLong(proc.getFileName().toString());
                    long ppid = Long.parseLong(stat[1]);
                    if (pid == postmaster || ppid == postmaster) {
                        // utime, stime; the postmaster also counts its children that ended (cutime, cstime)
                        server += (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) * tick;
                        if (pid == postmaster) {
                            server += (Long.parseLong(stat[13]) + Long.parseLong(stat[14])) * tick;
                        }
                    }
                }
            }
        }
        return new long[] {jvm, server};
    }

    private static String count(JournalDatabase database) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT (SELECT COUNT(*) FROM journal_event),"
                        + " (SELECT COUNT(*) FROM journal_event WHERE call_id IS NULL),"
                        + " (SELECT COUNT(*) FROM journal_call WHERE state = 'completed')")) {
            row.next();
            return "events " + row.getLong(1) + ", unlinked " + row.getLong(2) + ", completed calls "
                    + row.getLong(3);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
