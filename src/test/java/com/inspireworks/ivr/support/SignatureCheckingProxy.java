package com.inspireworks.ivr.support;

import com.inspireworks.ivr.security.PlivoSignatureV3;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Stands where Plivo's requests arrive, as a reverse proxy on 127.0.0.1: it checks each request's
 * {@code X-Plivo-Signature-V3} against its own public URL with an independent verifier, records the result, and
 * passes the request on to the application with its signature headers (which the application checks again). Its base URL is what the application is configured with as
 * {@code ivr.public-url}.
 */
public final class SignatureCheckingProxy implements AutoCloseable {

    /** One request as it arrived. */
    public record Seen(String method, String path, Map<String, List<String>> parameters, String signature,
            String nonce, boolean signatureValid) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String authToken;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile String target;

    /** @param authToken the token signatures are checked with; null to check nothing */
    public SignatureCheckingProxy(String authToken) throws IOException {
        this.authToken = authToken;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The origin the application is told is public, e.g. http://127.0.0.1:40123. */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Where requests go on to: the application's real origin. */
    public void forwardTo(String origin) {
        target = origin;
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public void clear() {
        seen.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            String pathAndQuery = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI()
                    .getRawQuery());
            Map<String, List<String>> form = parse(new String(body, StandardCharsets.UTF_8));
            String signature = exchange.getRequestHeaders().getFirst(PlivoSignatureV3.SIGNATURE_HEADER);
            String nonce = exchange.getRequestHeaders().getFirst(PlivoSignatureV3.NONCE_HEADER);
            boolean valid = authToken != null && PlivoSignatureV3.verify(authToken, method, origin() + pathAndQuery,
                    "POST".equals(method) ? form : Map.of(), nonce, signature);
            seen.add(new Seen(method, exchange.getRequestURI().getRawPath(), form, signature, nonce, valid));

            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + pathAndQuery))
                    .timeout(Duration.ofSeconds(20))
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : List.of("Content-Type", PlivoSignatureV3.SIGNATURE_HEADER,
                    PlivoSignatureV3.NONCE_HEADER)) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    forward.header(header, value);
                }
            }
            HttpResponse<byte[]> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().firstValue("Content-Type")
                    .ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1
                    : response.body().length);
            exchange.getResponseBody().write(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, List<String>> parse(String form) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (form.isEmpty()) {
            return parameters;
        }
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            parameters.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return parameters;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
