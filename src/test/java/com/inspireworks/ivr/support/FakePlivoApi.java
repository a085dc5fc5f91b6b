package com.inspireworks.ivr.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Plivo's REST API on 127.0.0.1 that speaks its create-call format: {@code POST
 * /v1/Account/{authId}/Call/} with HTTP Basic auth and a JSON body; 201 {@code {"api_id","message","request_uuid"}}
 * on success and {@code {"api_id","error"}} bodies on failure. Records every request it receives.
 */
public final class FakePlivoApi implements AutoCloseable {

    /** Fake credentials for tests: obviously not real, but of the shape Plivo and the SDK require. */
    public static final String AUTH_ID = "MAFAKEFAKEFAKEFAKE00";
    public static final String AUTH_TOKEN = "FakeTokenForTestsOnly0123456789abcdefXYZ";
    /** The number calls are placed from ({@code plivo.phone-number}) and the associate's ({@link #settings}). */
    public static final String CALLER_ID = "+14155550100";
    public static final String ASSOCIATE = "+14155550199";

    static {
        // The JDK server writes headers and body in two segments; without TCP_NODELAY, Nagle and delayed ACKs add
        // ~40 ms to every create-call (found by the /make-call benchmark).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final Pattern CALL_PATH = Pattern.compile("/v1/Account/([^/]+)/Call/?");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the fake answers the next create-call requests. */
    public enum Mode { ACCEPT, REJECT_NUMBER, REJECT_CREDENTIALS, SERVER_ERROR, SLOW }

    /** One request as received. */
    public record Received(String method, String path, String authorization, JsonNode body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.ACCEPT);
    private volatile Duration slowness = Duration.ofSeconds(5);

    public FakePlivoApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The application's settings for calling through this fake: its credentials, {@link #CALLER_ID} and this API's
     * address, plus the associate's number; then {@code more} (which may override any of them).
     */
    public Map<String, String> settings(Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "plivo.auth-id", AUTH_ID,
                "plivo.auth-token", AUTH_TOKEN,
                "plivo.phone-number", CALLER_ID,
                "ivr.associate-number", ASSOCIATE,
                "plivo.api-url", baseUrl()));
        settings.putAll(more);
        return settings;
    }

    public void mode(Mode next) {
        mode.set(next);
    }

    /** How long {@link Mode#SLOW} waits before answering. */
    public void slowness(Duration delay) {
        slowness = delay;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void reset() {
        received.clear();
        mode.set(Mode.ACCEPT);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            JsonNode body;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] bytes = in.readAllBytes();
                body = bytes.length == 0 ? null : JSON.readTree(bytes);
            }
            received.add(new Received(exchange.getRequestMethod(), path, authorization, body));
            String apiId = UUID.randomUUID().toString();
            Matcher call = CALL_PATH.matcher(path);
            if (!exchange.getRequestMethod().equals("POST") || !call.matches()) {
                respond(exchange, 404, "{\"api_id\":\"" + apiId + "\",\"error\":\"not found\"}");
                return;
            }
            String expected = "Basic " + Base64.getEncoder().encodeToString(
                    (AUTH_ID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
            if (!call.group(1).equals(AUTH_ID) || !expected.equals(authorization)
                    || mode.get() == Mode.REJECT_CREDENTIALS) {
                respond(exchange, 401, "{\"api_id\":\"" + apiId + "\",\"error\":\"authentication failed\"}");
                return;
            }
            switch (mode.get()) {
                case REJECT_NUMBER -> respond(exchange, 400,
                        "{\"api_id\":\"" + apiId + "\",\"error\":\"invalid 'to' number\"}");
                case SERVER_ERROR -> respond(exchange, 500,
                        "{\"api_id\":\"" + apiId + "\",\"error\":\"internal server error\"}");
                case SLOW -> {
                    sleep(slowness);
                    accept(exchange, apiId);
                }
                default -> accept(exchange, apiId);
            }
        }
    }

    private static void accept(HttpExchange exchange, String apiId) throws IOException {
        respond(exchange, 201, "{\"api_id\":\"" + apiId + "\",\"message\":\"call fired\",\"request_uuid\":\""
                + UUID.randomUUID() + "\"}");
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
