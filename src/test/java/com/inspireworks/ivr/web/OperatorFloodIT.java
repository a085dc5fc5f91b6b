package com.inspireworks.ivr.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.support.CallWalker;
import com.inspireworks.ivr.support.CapturedLog;
import com.inspireworks.ivr.support.EmbeddedIvr;
import com.inspireworks.ivr.support.FakePlivoApi;
import com.inspireworks.ivr.support.Http;
import com.inspireworks.ivr.support.OperatorFlood;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plivo's webhooks stay answered whatever operators do (issue 10, item 1). The realm hashes passwords as deploy/
 * recommends (PBKDF2WithHmacSHA512, 210,000 iterations: ~0.5-1 s of CPU per check), signatures are checked, and
 * the application runs with its shipped capacity settings.
 *
 * <p>The flood: 220 concurrent clients for a bounded time while signed webhooks and {@code /health} are timed one
 * after another. "Every webhook answered 200, 99 % within 1 s and none near the old 20-60 s" is the functional
 * requirement the issue states, checked with room for this machine's own pauses, not a benchmark; the numbers go to
 * {@code target/flood-results.txt} (bench/flood.sh measures before and after). The crowd runs in this JVM on the
 * same cores; its clients are deliberately cheap (see OperatorFlood.Visitor).
 */
class OperatorFloodIT {

    static final String TOKEN = "FloodTestFakeAuthToken0123456789";
    static final Duration FLOOD = Duration.ofSeconds(12);
    static final int CLIENTS = 220;
    static final Path RESULTS = Path.of("target", "flood-results.txt");

    /** deploy/README.md's example: the operators' connector gets this many threads, Plivo's its own. */
    static final int OPERATOR_THREADS = 20;
    static CapturedLog log;

    @BeforeAll
    static void start() throws IOException {
        log = CapturedLog.application();
        Files.writeString(RESULTS, "");
    }

    @AfterAll
    static void stop() {
        List<String> severe = log.records().stream().filter(r -> r.getLevel() == Level.SEVERE)
                .map(r -> r.getMessage()).toList();
        log.close();
        assertEquals(List.of(), severe);
    }

    /** The application with the realm, signatures and capacity settings as shipped; simulation mode. */
    private static EmbeddedIvr.Builder server(int port, String context) {
        return EmbeddedIvr.on(port).contextPath(context).deployedPasswordHashing().jndi(Map.of(
                "ivr.public-url", "http://127.0.0.1:" + port + context, "plivo.auth-token", TOKEN,
                "ivr.max-calls-per-minute", "10000", "ivr.max-calls-per-hour", "1000000"));
    }

    private static OperatorFlood.Target target(EmbeddedIvr ivr, String webhookBase) {
        return new OperatorFlood.Target(ivr.baseUrl(), webhookBase, ivr.baseUrl(), TOKEN, EmbeddedIvr.OPERATOR,
                EmbeddedIvr.OPERATOR_PASSWORD);
    }

    private static void report(String title, OperatorFlood.Result result) throws IOException {
        String text = "== " + title + " (" + CLIENTS + " clients, " + FLOOD.toSeconds() + " s, "
                + Runtime.getRuntime().availableProcessors() + " cores)\n" + result + "\n";
        System.out.print(text);
        Files.writeString(RESULTS, text, StandardOpenOption.APPEND);
    }

    /**
     * Operators and strangers at the application's doors: wrong and right passwords at /login, BASIC headers (the
     * old way, checked on every request), the sign-in page, and signed-in operators opening the form, placing
     * simulated calls and pressing keys. One connector for everyone, as a default installation has it.
     */
    @Test
    void webhooksAreAnsweredWithinASecondWhileOperatorsFloodTheApplication() throws Exception {
        OperatorFlood.Result result;
        int port = EmbeddedIvr.freePort();
        try (EmbeddedIvr ivr = server(port, "/ivr").start()) {
            result = OperatorFlood.run(target(ivr, ivr.baseUrl()), OperatorFlood.Mix.APPLICATION, CLIENTS, FLOOD);
        }
        report("application doors, one connector", result);

        assertTrue(result.webhooks().count() >= 20, "timed too few webhooks: " + result);
        assertEquals(0, result.webhooks().failed(), "every webhook 200: " + result.problems());
        // Within a second, as Plivo needs: 99 % of them, and none anywhere near the 20-60 s this flood caused before
        // the fix. Not "every one": the flood's 220 clients and their password checks run in this JVM on the same
        // two cores as the server, and one scheduling or GC pause (a single 1,080 ms of 117 in a full local build,
        // p99 118 ms) is this machine, not the application. bench/flood.sh measures it on its own.
        assertTrue(result.webhooks().p99() <= 1000, "99 % of the webhooks within 1 s: " + result);
        assertTrue(result.webhooks().max() < 5000, "no webhook near the old 20-60 s: " + result);
        assertEquals(0, result.health().failed(), "/health always 200 (its latency is reported, not asserted: the"
                + " requirement is the webhooks'): " + result.problems());
        Map<Integer, Long> statuses = result.operatorStatuses();
        assertTrue(statuses.getOrDefault(503, 0L) > 0, "the capacity filter turned some away: " + statuses);
        assertTrue(statuses.getOrDefault(200, 0L) > 0, "and served others: " + statuses);
        assertTrue(statuses.keySet().stream().allMatch(s -> s > 0 && (s < 500 || s == 503)),
                "no other 5xx, no request without an answer: " + statuses);
    }

    /**
     * The container's own login action, j_security_check, checks the password before any filter: the application
     * cannot bound it, and on one connector it takes every worker thread (bench/flood.sh: one webhook answered in
     * 20 s, after 21-36 s). Configured as deploy/README.md (Capacity) says, Plivo has a connector of its own and the
     * operators' connector few threads: the webhooks keep their threads and are answered throughout. How fast
     * depends on the CPU the 20 password checks and the rest of the machine leave them (typically 0.1-0.8 s here,
     * seconds when other builds share the cores), so the latency is reported, not asserted; refusing
     * j_security_check at the proxy removes the checks altogether.
     */
    @Test
    void withTheirOwnConnectorWebhooksKeepBeingAnsweredDuringAFloodOfContainerLogins() throws Exception {
        OperatorFlood.Result result;
        int port = EmbeddedIvr.freePort();
        try (EmbeddedIvr ivr = server(port, "/ivr2").webhookConnector(0).maxThreads(OPERATOR_THREADS).start()) {
            result = OperatorFlood.run(target(ivr, ivr.webhookBaseUrl()), OperatorFlood.Mix.CONTAINER_LOGIN, CLIENTS,
                    FLOOD);
        }
        report("j_security_check, webhooks on their own connector, " + OPERATOR_THREADS + " operator threads",
                result);

        assertTrue(result.webhooks().count() >= 10, "webhooks kept being answered during the flood: " + result);
        assertEquals(0, result.webhooks().failed(), "every webhook 200: " + result.problems());
        assertEquals(0, result.health().failed(), result.problems().toString());
    }

    /**
     * Beyond the bounds a request is refused at once with 503 and Retry-After (JSON for scripts, the error page for
     * browsers), not queued; webhooks and /health are not counted. Limits of 2 operator requests (1 per operator)
     * and 1 sign-in; an operator request is held by a Plivo API that takes 3 s to answer.
     */
    @Test
    void beyondItsShareAnOperatorGets503AtOnceAndWebhooksStillAnswer() throws Exception {
        int port = EmbeddedIvr.freePort();
        String base = "http://127.0.0.1:" + port + "/tight";
        ExecutorService background = Executors.newFixedThreadPool(4);
        try (FakePlivoApi plivo = new FakePlivoApi();
                EmbeddedIvr tight = EmbeddedIvr.on(port).contextPath("/tight").deployedPasswordHashing()
                        .jndi(Map.of("ivr.public-url", base, "plivo.auth-token", FakePlivoApi.AUTH_TOKEN,
                                "plivo.auth-id", FakePlivoApi.AUTH_ID, "plivo.phone-number", "+14155550100",
                                "plivo.api-url", plivo.baseUrl(), "plivo.read-timeout-ms", "10000",
                                "ivr.max-concurrent-operator-requests", "2", "ivr.max-concurrent-sign-ins", "1"))
                        .start()) {
            plivo.mode(FakePlivoApi.Mode.SLOW);
            plivo.slowness(Duration.ofSeconds(3));
            Http operator = Http.operator(tight);
            Future<HttpResponse<String>> slow = background.submit(() -> operator.postJson("/make-call",
                    "{\"to\":\"+14155550123\"}"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (plivo.received().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, plivo.received().size(), "the first call is with Plivo");

            HttpResponse<String> api = operator.postJson("/make-call", "{\"to\":\"+14155550123\"}");
            assertEquals(503, api.statusCode(), api.body());
            assertEquals("1", api.headers().firstValue("Retry-After").orElse(""));
            assertTrue(api.body().contains("You already have 1 request(s) in progress"), api.body());
            HttpResponse<String> page = operator.send(HttpRequest.newBuilder(URI.create(tight.baseUrl() + "/"))
                    .header("Accept", "text/html"));
            assertEquals(503, page.statusCode());
            assertTrue(page.body().contains("503 – Service unavailable"), page.body());
            assertTrue(page.body().contains("ivr.max-concurrent-operator-requests"), page.body());
            assertEquals(1, plivo.received().size(), "the refused call went nowhere");

            Http anonymous = new Http(tight.baseUrl());
            Map<String, String> hangup = Map.of("CallUUID", "tight-1", "CallStatus", "completed");
            assertEquals(200, anonymous.postForm("/ivr/hangup", hangup, CallWalker.signatureHeaders(
                    FakePlivoApi.AUTH_TOKEN, base + "/ivr/hangup", hangup)).statusCode(), "webhooks are not counted");
            assertEquals(200, anonymous.get("/health").statusCode());
            assertEquals(200, anonymous.get("/static/app.css").statusCode());

            assertEquals(201, slow.get().statusCode(), "the held call went through");
            plivo.mode(FakePlivoApi.Mode.ACCEPT);
            assertEquals(200, operator.get("/").statusCode(), "its place is free again");

            // Three sign-ins at once against one place: each check takes ~0.5-1 s, so the others are turned away.
            List<CompletableFuture<HttpResponse<String>>> signIns = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                signIns.add(CompletableFuture.supplyAsync(() -> new Http(tight.baseUrl()).signIn(EmbeddedIvr.OPERATOR,
                        EmbeddedIvr.OPERATOR_PASSWORD), background));
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> signIn : signIns) {
                HttpResponse<String> response = signIn.get();
                statuses.add(response.statusCode());
                if (response.statusCode() == 503) {
                    assertTrue(response.body().contains("ivr.max-concurrent-sign-ins=1"), response.body());
                }
            }
            assertTrue(statuses.contains(200) && statuses.contains(503), statuses.toString());
            assertTrue(log.all().contains("Operator capacity full: refused"), "refusals are logged (in summary)");
        } finally {
            background.shutdownNow();
        }
    }
}
