package com.inspireworks.ivr.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.security.PlivoSignatureV3;
import com.inspireworks.ivr.simulator.Webhooks.WebhookException;
import com.inspireworks.ivr.simulator.Webhooks.WebhookResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real transport against a tiny HTTP server on loopback: Plivo's encoding, signature and limits. */
class HttpWebhooksTest {

    static final String TOKEN = "SimulatorTestToken0123456789";

    /** One request as the server received it. */
    record Received(String method, String uri, String body, String signature, String nonce) {
    }

    HttpServer server;
    String base;
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile byte[] answer = "<Response/>".getBytes(StandardCharsets.UTF_8);
    final CountDownLatch hanging = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/", this::handle);
        server.createContext("/hang", exchange -> {
            hanging.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", base + "/ivr/welcome");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), body,
                    exchange.getRequestHeaders().getFirst(PlivoSignatureV3.SIGNATURE_HEADER),
                    exchange.getRequestHeaders().getFirst(PlivoSignatureV3.NONCE_HEADER)));
            byte[] bytes = answer;
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    static Map<String, List<String>> parse(String form) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            parameters.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return parameters;
    }

    HttpWebhooks signed() {
        return new HttpWebhooks(base, Optional.of(TOKEN), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @Test
    void aPostIsAFormSignedLikePlivoSignsIt() throws WebhookException {
        String url = base + "/ivr/menu-handler/es?attempt=2";
        WebhookResponse response = signed().send("POST", url, Map.of("Digits", "2", "To", "+14155550123",
                "Note", "a&b=ü"));
        assertEquals(200, response.status());
        assertEquals("<Response/>", new String(response.body(), StandardCharsets.UTF_8));
        Received request = received.get(0);
        assertEquals("POST", request.method());
        assertEquals("/ivr/menu-handler/es?attempt=2", request.uri());
        Map<String, List<String>> body = parse(request.body());
        assertEquals(List.of("a&b=ü"), body.get("Note"));
        assertTrue(PlivoSignatureV3.verify(TOKEN, "POST", url, body, request.nonce(), request.signature()));
        assertFalse(PlivoSignatureV3.verify("AnotherToken0123456789", "POST", url, body, request.nonce(),
                request.signature()));
    }

    @Test
    void aGetCarriesTheParametersInTheQueryAndIsSignedOverIt() throws WebhookException {
        signed().send("GET", base + "/ivr/main-menu/en?attempt=1", Map.of("CallUUID", "abc"));
        Received request = received.get(0);
        assertEquals("GET", request.method());
        assertEquals("/ivr/main-menu/en?attempt=1&CallUUID=abc", request.uri());
        assertTrue(PlivoSignatureV3.verify(TOKEN, "GET", base + request.uri(), Map.of(), request.nonce(),
                request.signature()));
    }

    @Test
    void everyRequestHasItsOwnNonce() throws WebhookException {
        HttpWebhooks webhooks = signed();
        webhooks.send("POST", base + "/a", Map.of("x", "1"));
        webhooks.send("POST", base + "/a", Map.of("x", "1"));
        assertNotEquals(received.get(0).nonce(), received.get(1).nonce());
        assertNotEquals(received.get(0).signature(), received.get(1).signature());
        assertTrue(received.get(0).nonce().length() >= 16);
    }

    @Test
    void urlsOutsideTheApplicationAreNeverFetched() {
        for (String foreign : new String[] {"http://169.254.169.254/latest/meta-data", base + ".evil.example/x",
                "file:///etc/passwd", "/relative"}) {
            WebhookException e = assertThrows(WebhookException.class,
                    () -> signed().send("POST", foreign, Map.of("Digits", "1")));
            assertTrue(e.getMessage().startsWith("The simulator only calls this application"), e.getMessage());
        }
        assertEquals(0, received.size(), "nothing was sent anywhere");
    }

    @Test
    void withoutATokenNothingIsSigned() throws WebhookException {
        new HttpWebhooks(base, Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .send("POST", base + "/a", Map.of("x", "1"));
        assertNull(received.get(0).signature());
        assertNull(received.get(0).nonce());
    }

    @Test
    void anAnswerLargerThanPlivosLimitIsRefused() {
        answer = ("<Response>" + " ".repeat(HttpWebhooks.MAX_DOCUMENT_BYTES) + "</Response>")
                .getBytes(StandardCharsets.UTF_8);
        WebhookException e = assertThrows(WebhookException.class, () -> signed().send("POST", base + "/a", Map.of()));
        assertTrue(e.getMessage().contains("more than 100 KB"), e.getMessage());
    }

    @Test
    void httpRedirectsAreNotFollowed() throws WebhookException {
        assertEquals(302, signed().send("POST", base + "/moved", Map.of()).status());
        assertTrue(received.isEmpty());
    }

    @Test
    void aClosedPortSaysSoInWords() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String closedBase = "http://127.0.0.1:" + closed;
        String url = closedBase + "/ivr/welcome";
        HttpWebhooks webhooks = new HttpWebhooks(closedBase, Optional.of(TOKEN), Duration.ofSeconds(2),
                Duration.ofSeconds(5));
        WebhookException e = assertThrows(WebhookException.class, () -> webhooks.send("POST", url, Map.of()));
        assertTrue(e.getMessage().startsWith("Could not connect to " + url), e.getMessage());
    }

    /**
     * Undeploying the application must leave none of the client's threads running (Tomcat reports each one as a
     * likely memory leak): after requests have started worker threads, close() ends them and the selector thread.
     */
    @Test
    void closeStopsEveryThreadTheClientStarted() throws Exception {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        HttpWebhooks webhooks = signed();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, webhooks.send("POST", base + "/ivr/welcome", Map.of("CallUUID", "c" + i)).status());
        }
        assertFalse(clientThreads(before).isEmpty(), "the client runs threads (else this test proves nothing)");

        webhooks.close();

        assertEquals(List.of(), clientThreads(before), "threads still running after close()");
        assertThrows(WebhookException.class, () -> webhooks.send("POST", base + "/ivr/welcome", Map.of()));
    }

    /** A request still waiting for its answer when the application stops ends at once, it does not hang. */
    @Test
    void closeEndsARequestStillWaitingForItsAnswer() throws Exception {
        HttpWebhooks webhooks = signed();
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                webhooks.send("POST", base + "/hang", Map.of("CallUUID", "c1"));
                return null;
            } catch (WebhookException e) {
                return e;
            }
        });
        assertTrue(hanging.await(5, TimeUnit.SECONDS), "the request reached the server");
        long start = System.nanoTime();
        webhooks.close();
        Throwable failure = outcome.get(3, TimeUnit.SECONDS);
        assertTrue(failure instanceof WebhookException, String.valueOf(failure));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 3_000);
    }

    /** Live threads of an HTTP client started since {@code before}: the JDK's names, or the ones we give. */
    private static List<String> clientThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t))
                .map(Thread::getName)
                .filter(name -> name.startsWith("HttpClient-") || name.startsWith("ivr-simulator-http"))
                .sorted()
                .toList();
    }
}
