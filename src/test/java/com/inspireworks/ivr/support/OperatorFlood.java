package com.inspireworks.ivr.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The load of issue 10, item 1, repeatable: a crowd of concurrent operator clients hammers the application while
 * Plivo's signed webhooks and {@code GET /health} are timed, one request after another, from threads of their own.
 * Used by the flood integration test and by {@code bench/flood.sh} (before/after numbers).
 *
 * <p>What the crowd does depends on {@link Mix}:
 * <ul>
 * <li>{@link Mix#APPLICATION}: what operators and strangers can send to the application's own doors. A fifth sign
 * in with wrong passwords and a tenth with the right one (each time anew), a fifth send the old BASIC header with the
 * right password, a tenth fetch the sign-in page, and the rest, signed in, open the call form, place simulated calls
 * and press keys on simulated calls.</li>
 * <li>{@link Mix#BASIC}: the penetration test's load on the WAR before the change: every operator request (form,
 * calls, key presses; wrong and right passwords) carries HTTP BASIC credentials, as then required.</li>
 * <li>{@link Mix#CONTAINER_LOGIN}: everyone signs in through the container's own {@code j_security_check}, which
 * checks the password before any filter of the application runs.</li>
 * </ul>
 */
public final class OperatorFlood {

    /** What the crowd sends. */
    public enum Mix { APPLICATION, BASIC, CONTAINER_LOGIN }

    /**
     * Where to send it.
     *
     * @param operatorBase the application as operators reach it, context path included
     * @param webhookBase the application as Plivo reaches it (the same, or a connector of its own)
     * @param publicBase the configured ivr.public-url, over which webhooks are signed
     * @param authToken the fake auth token the application checks signatures with
     * @param user an operator account
     * @param password its password
     */
    public record Target(String operatorBase, String webhookBase, String publicBase, String authToken, String user,
            String password) {
    }

    /** Latencies of one kind of timed request, in milliseconds. */
    public record Stats(int count, long p50, long p99, long max, int over1s, int failed) {

        static Stats of(List<Long> millis, int failed) {
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                return new Stats(0, 0, 0, 0, 0, failed);
            }
            return new Stats(sorted.size(), sorted.get((sorted.size() - 1) / 2),
                    sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1), sorted.get(sorted.size() - 1),
                    (int) sorted.stream().filter(ms -> ms > 1000).count(), failed);
        }

        @Override
        public String toString() {
            return String.format("%d requests: p50 %d ms, p99 %d ms, max %d ms, %d over 1 s, %d not 200", count, p50,
                    p99, max, over1s, failed);
        }
    }

    /**
     * What was measured.
     *
     * @param webhooks signed webhook requests to {@code webhookBase}
     * @param health {@code GET /health} on {@code webhookBase}
     * @param operatorStatuses how many operator requests got each status (0: no answer, an I/O error or timeout)
     * @param problems webhook and health answers that were not 200, with what came back
     */
    public record Result(Stats webhooks, Stats health, Map<Integer, Long> operatorStatuses, List<String> problems,
            Map<String, Long> cpuMillisByThreads) {

        public long operatorRequests() {
            return operatorStatuses.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public String toString() {
            return "webhooks: " + webhooks + "\n/health:  " + health + "\noperator requests: " + operatorRequests()
                    + " answered, by status " + operatorStatuses + "\nCPU ms in this JVM by threads: "
                    + cpuMillisByThreads;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> WEBHOOK_PATHS = List.of("/ivr/welcome", "/ivr/language-handler?attempt=1",
            "/ivr/main-menu/es", "/ivr/menu-handler/es?attempt=1", "/ivr/no-input");

    private final Target target;
    private final Mix mix;
    private final int clients;
    private final Duration duration;
    /** How long a crowd request may take: the container-login crowd is expected to wait, the others not. */
    private final Duration crowdTimeout;
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    private OperatorFlood(Target target, Mix mix, int clients, Duration duration) {
        this.target = target;
        this.mix = mix;
        this.clients = clients;
        this.duration = duration;
        this.crowdTimeout = Duration.ofSeconds(mix == Mix.CONTAINER_LOGIN ? 5 : 30);
    }

    /** Floods {@code target} with {@code clients} concurrent clients for {@code duration}, timing webhooks meanwhile. */
    public static Result run(Target target, Mix mix, int clients, Duration duration) throws InterruptedException {
        return new OperatorFlood(target, mix, clients, duration).run();
    }

    private Result run() throws InterruptedException {
        warmUp();
        List<String> calls = mix == Mix.CONTAINER_LOGIN ? List.of() : simulatedCalls(8);
        CountDownLatch started = new CountDownLatch(clients);
        List<Thread> crowd = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int number = i;
            Thread thread = new Thread(() -> {
                started.countDown();
                crowdMember(number, calls);
            }, "flood-" + i);
            thread.setDaemon(true);
            crowd.add(thread);
            thread.start();
        }
        started.await();
        Map<String, Long> cpuBefore = cpuByThreads();
        // Let the crowd reach the server before timing starts; then time for the rest of the duration.
        Thread.sleep(Math.min(1000, duration.toMillis() / 5));
        List<Long> webhookMillis = new CopyOnWriteArrayList<>();
        List<Long> healthMillis = new CopyOnWriteArrayList<>();
        AtomicLong webhookFailures = new AtomicLong();
        AtomicLong healthFailures = new AtomicLong();
        Thread plivo = timer("plivo", 50, webhookMillis, webhookFailures, this::signedWebhook);
        Thread health = timer("health", 100, healthMillis, healthFailures,
                n -> HttpRequest.newBuilder(URI.create(target.webhookBase() + "/health")).GET());
        Thread.sleep(duration.toMillis() - Math.min(1000, duration.toMillis() / 5));
        running = false;
        Map<String, Long> cpuAfter = cpuByThreads();
        plivo.join(30_000);
        health.join(30_000);
        long deadline = System.nanoTime() + crowdTimeout.plusSeconds(5).toNanos();
        for (Thread thread : crowd) {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        Map<String, Long> cpu = new TreeMap<>();
        cpuAfter.forEach((group, millis) -> cpu.put(group, millis - cpuBefore.getOrDefault(group, 0L)));
        Map<Integer, Long> byStatus = new TreeMap<>();
        statuses.forEach((status, count) -> byStatus.put(status, count.get()));
        return new Result(Stats.of(webhookMillis, (int) webhookFailures.get()),
                Stats.of(healthMillis, (int) healthFailures.get()), byStatus, List.copyOf(problems), cpu);
    }

    /**
     * CPU time of this JVM's threads, grouped: the server's workers, the crowd (its threads and their HTTP clients'),
     * everything else. The crowd runs in the same JVM on the same cores as the server it attacks; this says how
     * much of the CPU it took.
     */
    private static Map<String, Long> cpuByThreads() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> millis = new TreeMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos < 0) {
                continue;
            }
            String name = info.getThreadName();
            String group = name.startsWith("http-nio") && name.contains("exec") ? "server workers"
                    : name.startsWith("http-nio") ? "server connectors"
                    : name.startsWith("flood-") || name.startsWith("HttpClient") ? "crowd and HTTP clients"
                    : "other";
            millis.merge(group, nanos / 1_000_000, Long::sum);
        }
        return millis;
    }

    /**
     * A running server has compiled its JSPs and its JIT has seen every path: a few requests of each kind first, so
     * that what is measured is the flood, not the first use of a page.
     */
    private void warmUp() throws InterruptedException {
        HttpClient http = client();
        try {
            for (int round = 0; round < 3; round++) {
                http.send(get("/login").header("Accept", "text/html").build(), HttpResponse.BodyHandlers.discarding());
                http.send(get("/no-such-page").header("Accept", "text/html").build(),
                        HttpResponse.BodyHandlers.discarding());
                http.send(get("/").build(), HttpResponse.BodyHandlers.discarding());
                http.send(HttpRequest.newBuilder(URI.create(target.webhookBase() + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                for (int n = 0; n < WEBHOOK_PATHS.size(); n++) {
                    http.send(signedWebhook(n).build(), HttpResponse.BodyHandlers.discarding());
                }
            }
            if (mix != Mix.BASIC && signIn(http, target.password()) == 200) {
                http.send(get("/").header("Accept", "text/html").build(), HttpResponse.BodyHandlers.discarding());
            }
        } catch (IOException e) {
            throw new IllegalStateException("the server does not answer: " + e, e);
        }
        statuses.clear();
    }

    /** One client of the crowd, doing its part of the mix until the time is up. */
    private void crowdMember(int number, List<String> calls) {
        Visitor visitor = new Visitor(URI.create(target.operatorBase()), crowdTimeout);
        Random random = new Random(number);
        int role = number % 10;
        try {
            while (running) {
                try {
                    switch (mix) {
                        case CONTAINER_LOGIN -> containerLogin(visitor, role < 5);
                        case BASIC -> basic(visitor, role, calls, random);
                        default -> application(visitor, role, calls, random);
                    }
                } catch (IOException | RuntimeException e) {
                    count(0);
                    visitor.disconnect();
                }
            }
        } finally {
            visitor.disconnect();
        }
    }

    private void application(Visitor visitor, int role, List<String> calls, Random random) throws IOException {
        switch (role) {
            case 0, 1 -> signIn(visitor, target.password() + "-wrong");
            case 2 -> {
                visitor.forget();
                signIn(visitor, target.password());
            }
            case 3, 4 -> send(visitor, "GET", "/", "Authorization", basicHeader(target.password()), null, null);
            case 5 -> send(visitor, "GET", "/login", "Accept", "text/html", null, null);
            default -> {
                if (!visitor.hasSession() && signIn(visitor, target.password()) != 200) {
                    return;
                }
                operatorAction(visitor, calls, random, null);
            }
        }
    }

    private void basic(Visitor visitor, int role, List<String> calls, Random random) throws IOException {
        String password = role < 3 ? target.password() + "-wrong" : target.password();
        operatorAction(visitor, calls, random, basicHeader(password));
    }

    /** The call form, a simulated call, or a key press / look at one of the prepared simulated calls. */
    private void operatorAction(Visitor visitor, List<String> calls, Random random, String authorization)
            throws IOException {
        String header = authorization == null ? null : "Authorization";
        int action = random.nextInt(4);
        if (action == 0 || calls.isEmpty()) {
            send(visitor, "GET", "/", header, authorization, null, null);
        } else if (action == 1) {
            send(visitor, "POST", "/make-call", header, authorization, "application/json",
                    "{\"to\":\"+14155550123\"}");
        } else if (action == 2) {
            send(visitor, "POST", "/simulator/api/calls/" + calls.get(random.nextInt(calls.size())) + "/keys",
                    header, authorization, "application/json",
                    "{\"key\":\"" + (char) ('0' + random.nextInt(10)) + "\"}");
        } else {
            send(visitor, "GET", "/simulator/api/calls/" + calls.get(random.nextInt(calls.size())), header,
                    authorization, null, null);
        }
    }

    private void containerLogin(Visitor visitor, boolean rightPassword) throws IOException {
        visitor.forget();
        send(visitor, "GET", "/", "Accept", "text/html", null, null);
        send(visitor, "POST", "/j_security_check", null, null, "application/x-www-form-urlencoded",
                "j_username=" + target.user() + "&j_password=" + target.password() + (rightPassword ? "" : "-wrong"));
    }

    private int signIn(Visitor visitor, String password) throws IOException {
        return send(visitor, "POST", "/login", null, null, "application/json", JSON.createObjectNode()
                .put("username", target.user()).put("password", password).toString());
    }

    private int send(Visitor visitor, String method, String path, String header, String value, String contentType,
            String body) throws IOException {
        int status = visitor.send(method, path, header, value, contentType, body);
        count(status);
        return status;
    }

    private int signIn(HttpClient http, String password) throws IOException, InterruptedException {
        return send(http, postJson("/login", JSON.createObjectNode().put("username", target.user())
                .put("password", password).toString()));
    }

    private int send(HttpClient http, HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(crowdTimeout).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void count(int status) {
        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    }

    /** Times one request after another, each {@code pauseMillis} after the previous answer. */
    private Thread timer(String name, long pauseMillis, List<Long> millis, AtomicLong failures,
            Function<Integer, HttpRequest.Builder> request) {
        Thread thread = new Thread(() -> {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(30)).build();
            int n = 0;
            while (running) {
                long start = System.nanoTime();
                String outcome;
                try {
                    HttpResponse<String> response = http.send(request.apply(n++).timeout(Duration.ofSeconds(60))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    outcome = response.statusCode() == 200 ? null : "HTTP " + response.statusCode() + " "
                            + response.body().substring(0, Math.min(200, response.body().length()));
                } catch (IOException e) {
                    outcome = e.toString();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                millis.add((System.nanoTime() - start) / 1_000_000);
                if (outcome != null) {
                    failures.incrementAndGet();
                    problems.add(name + ": " + outcome);
                }
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, "timer-" + name);
        thread.start();
        return thread;
    }

    /** A webhook request as Plivo sends it: a form POST signed over the public URL. */
    private HttpRequest.Builder signedWebhook(int n) {
        String path = WEBHOOK_PATHS.get(n % WEBHOOK_PATHS.size());
        Map<String, String> parameters = Map.of("CallUUID", "flood-" + n, "From", "+14155550100",
                "To", "+14155550123", "Direction", "outbound", "CallStatus", "in-progress", "Digits", "2");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.webhookBase() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Http.form(parameters)));
        CallWalker.signatureHeaders(target.authToken(), target.publicBase() + path, parameters)
                .forEach(request::header);
        return request;
    }

    /** Simulated calls to press keys on, placed and answered before the flood (as the operator). */
    private List<String> simulatedCalls(int count) {
        List<String> ids = new ArrayList<>();
        HttpClient http = client();
        String authorization = null;
        try {
            if (mix == Mix.BASIC) {
                authorization = basicHeader(target.password());
            } else if (signIn(http, target.password()) != 200) {
                System.err.println("flood: the operator cannot sign in; no simulated calls to press keys on");
                return List.of();
            }
            for (int i = 0; i < count; i++) {
                HttpRequest.Builder place = postJson("/make-call", "{\"to\":\"+14155550123\"}");
                if (authorization != null) {
                    place.header("Authorization", authorization);
                }
                HttpResponse<String> placed = http.send(place.build(), HttpResponse.BodyHandlers.ofString());
                JsonNode call = placed.statusCode() == 201 ? JSON.readTree(placed.body()) : JSON.createObjectNode();
                if (placed.statusCode() != 201 || call.get("callId") == null) {
                    System.err.println("flood: no simulated call (HTTP " + placed.statusCode() + "); key presses"
                            + " are left out");
                    return List.copyOf(ids);
                }
                String id = call.get("callId").asText();
                HttpRequest.Builder answer = postJson("/simulator/api/calls/" + id + "/answer", "{}");
                if (authorization != null) {
                    answer.header("Authorization", authorization);
                }
                http.send(answer.build(), HttpResponse.BodyHandlers.discarding());
                ids.add(id);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return ids;
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(target.operatorBase() + path)).GET();
    }

    private HttpRequest.Builder postJson(String path, String json) {
        return HttpRequest.newBuilder(URI.create(target.operatorBase() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private String basicHeader(String password) {
        return "Basic " + Base64.getEncoder().encodeToString((target.user() + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    /**
     * A crowd member's HTTP/1.1 client: one kept-alive connection, blocking reads, the session cookie kept. Much
     * cheaper per request than java.net.http's client, so that the crowd, which runs in the same JVM on the same
     * cores as the server it attacks, takes less of the CPU the server is measured with.
     */
    static final class Visitor {
        private final URI base;
        private final int timeoutMillis;
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private String session;

        Visitor(URI base, Duration timeout) {
            this.base = base;
            this.timeoutMillis = (int) timeout.toMillis();
        }

        boolean hasSession() {
            return session != null;
        }

        void forget() {
            session = null;
        }

        int send(String method, String path, String header, String value, String contentType, String body)
                throws IOException {
            if (socket == null) {
                socket = new Socket(base.getHost(), base.getPort());
                socket.setSoTimeout(timeoutMillis);
                socket.setTcpNoDelay(true);
                in = new BufferedInputStream(socket.getInputStream());
                out = new BufferedOutputStream(socket.getOutputStream());
            }
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder(256).append(method).append(' ').append(base.getRawPath())
                    .append(path).append(" HTTP/1.1\r\nHost: ").append(base.getHost()).append(':')
                    .append(base.getPort()).append("\r\n");
            if (header != null) {
                request.append(header).append(": ").append(value).append("\r\n");
            }
            if (session != null) {
                request.append("Cookie: JSESSIONID=").append(session).append("\r\n");
            }
            if (contentType != null) {
                request.append("Content-Type: ").append(contentType).append("\r\n");
            }
            if (body != null) {
                request.append("Content-Length: ").append(content.length).append("\r\n");
            }
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();

            String statusLine = line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String line = line(); !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                String name = line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
                String headerValue = line.substring(colon + 1).strip();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(headerValue);
                    case "transfer-encoding" -> chunked = headerValue.equalsIgnoreCase("chunked");
                    case "connection" -> close = headerValue.equalsIgnoreCase("close");
                    case "set-cookie" -> {
                        if (headerValue.startsWith("JSESSIONID=")) {
                            int end = headerValue.indexOf(';');
                            session = headerValue.substring("JSESSIONID=".length(), end < 0 ? headerValue.length()
                                    : end);
                        }
                    }
                    default -> { }
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().strip(), 16); size > 0; size = Long.parseLong(line().strip(),
                        16)) {
                    skip(size);
                    line();
                }
                line();
            } else if (length >= 0) {
                skip(length);
            } else {
                close = true;
            }
            if (close) {
                disconnect();
            }
            return status;
        }

        void disconnect() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // gone anyway
                }
                socket = null;
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        private void skip(long bytes) throws IOException {
            long left = bytes;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }
    }
}
