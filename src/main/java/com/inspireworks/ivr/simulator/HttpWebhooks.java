package com.inspireworks.ivr.simulator;

import com.inspireworks.ivr.lifecycle.OwnThreads;
import com.inspireworks.ivr.security.PlivoSignatureV3;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * {@link Webhooks} over real HTTP with {@code java.net.http}, signed like Plivo signs: when an auth token is
 * configured every request carries {@code X-Plivo-Signature-V3} and a fresh random {@code X-Plivo-Signature-V3-Nonce};
 * without one nothing is signed (the application does not verify then). HTTP redirects are not followed. Answers
 * larger than Plivo's 100 KB document limit are refused. Only URLs under the application's own public URL are
 * fetched: the simulator runs on the server, so a document naming any other address must not make the server send
 * (signed) requests there. Thread-safe; one client is shared by all calls.
 *
 * <p>{@link #close()} stops every thread the client started, so that an undeployed application leaves none behind
 * (a live thread started by the application keeps all of its classes in memory). Java 17's {@code HttpClient} has no
 * {@code close()}: its worker threads come from the executor, so the client gets one of ours to shut down, and its
 * selector thread ("HttpClient-N-SelectorManager") runs until the client is garbage-collected, or until it is
 * interrupted. That thread is started by the thread that builds the client, in that thread's group; so the client is
 * built on a short-lived thread of a group of our own, which then holds every thread of the client, and {@code close()}
 * interrupts that group and waits for its threads to end. (Java 21 added {@code HttpClient.shutdownNow()}; the
 * selector thread still ends on an interrupt there.)
 */
public final class HttpWebhooks implements Webhooks {

    /** Plivo refuses XML documents larger than this. */
    public static final int MAX_DOCUMENT_BYTES = 100 * 1024;

    private static final Logger LOG = Logger.getLogger(HttpWebhooks.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long {@link #close()} waits for the client's threads to end. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final ThreadGroup threads;
    private final ExecutorService executor;
    private final HttpClient client;
    /** Requests waiting for their answer, so that close() can end them: the client's timeouts stop with it. */
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private final String scope;
    private final Optional<String> authToken;
    private final Duration readTimeout;

    /**
     * @param scope the application's public base URL; only URLs below it are fetched
     * @param authToken the Plivo auth token requests are signed with; empty for unsigned requests
     * @param connectTimeout how long to wait for a connection (Plivo: 2 s)
     * @param readTimeout how long to wait for the whole answer
     */
    public HttpWebhooks(String scope, Optional<String> authToken, Duration connectTimeout, Duration readTimeout) {
        this.scope = scope.endsWith("/") ? scope : scope + "/";
        this.authToken = authToken;
        this.readTimeout = readTimeout;
        this.threads = new ThreadGroup("ivr-simulator-http");
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(threads, task, "ivr-simulator-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor);
        this.client = buildInGroup(threads, builder);
    }

    /** Builds the client on a thread of {@code group}, so that its selector thread belongs to that group too. */
    private static HttpClient buildInGroup(ThreadGroup group, HttpClient.Builder builder) {
        AtomicReference<HttpClient> built = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread starter = new Thread(group, () -> {
            try {
                built.set(builder.build());
            } catch (RuntimeException | Error e) {
                failed.set(e);
            }
        }, group.getName() + "-start");
        starter.setDaemon(true);
        starter.start();
        boolean interrupted = false;
        while (starter.isAlive()) {
            try {
                starter.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failed.get() instanceof RuntimeException e) {
            throw e;
        }
        if (failed.get() instanceof Error e) {
            throw e;
        }
        return built.get();
    }

    /**
     * Ends requests still waiting for an answer, stops the client's threads (its workers and its selector thread,
     * which also closes its connections) and waits up to {@link #STOP_WAIT} for them to end. Requests after this fail
     * at once.
     */
    @Override
    public void close() {
        closed = true;
        inFlight.forEach(answer -> answer.cancel(true));
        executor.shutdownNow();
        threads.interrupt();
        List<Thread> alive = OwnThreads.awaitEnd(OwnThreads.in(threads), STOP_WAIT);
        if (!alive.isEmpty()) {
            LOG.warning("The simulator's HTTP client still has " + alive.size() + " thread(s) running "
                    + STOP_WAIT.toSeconds() + " s after close(), e.g. " + alive.get(0).getName());
        }
    }

    private static Thread[] members(ThreadGroup group) {
        Thread[] found = new Thread[group.activeCount() + 8];
        int count;
        while ((count = group.enumerate(found)) == found.length) {
            found = new Thread[found.length * 2];
        }
        return Arrays.copyOf(found, count);
    }

    @Override
    public WebhookResponse send(String method, String url, Map<String, String> parameters) throws WebhookException {
        if (closed) {
            throw new WebhookException("The simulator has stopped (the application is being undeployed).");
        }
        if (!url.startsWith(scope)) {
            throw new WebhookException("The simulator only calls this application (" + scope + "...); it will not"
                    + " fetch " + PlivoXmlReader.shorten(url) + ".");
        }
        String form = form(parameters);
        boolean post = "POST".equals(method);
        String target = post || form.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + form;
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(target)).timeout(readTimeout)
                    .header("User-Agent", "InspireWorks-IVR-Simulator (Plivo stand-in)");
        } catch (IllegalArgumentException e) {
            throw new WebhookException("'" + PlivoXmlReader.shorten(target) + "' is not a URL that can be fetched.",
                    e);
        }
        if (post) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        } else {
            request.GET();
        }
        authToken.ifPresent(token -> {
            String nonce = nonce();
            Map<String, List<String>> body = post ? multi(parameters) : Map.of();
            request.header(PlivoSignatureV3.SIGNATURE_HEADER,
                    PlivoSignatureV3.sign(token, method, target, body, nonce));
            request.header(PlivoSignatureV3.NONCE_HEADER, nonce);
        });
        try {
            HttpResponse<InputStream> response = await(client.sendAsync(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream()));
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
            }
            if (body.length > MAX_DOCUMENT_BYTES) {
                throw new WebhookException(method + " " + url + " answered with more than 100 KB, Plivo's limit for"
                        + " an XML document.");
            }
            return new WebhookResponse(response.statusCode(), body);
        } catch (HttpConnectTimeoutException e) {
            throw new WebhookException("Could not connect to " + url + " within " + seconds(e) + ".", e);
        } catch (HttpTimeoutException e) {
            throw new WebhookException(method + " " + url + " did not answer within " + readTimeout.toSeconds()
                    + " s.", e);
        } catch (ConnectException e) {
            throw new WebhookException("Could not connect to " + url + " (connection refused): is the public URL"
                    + " (ivr.public-url) right?", e);
        } catch (IOException e) {
            throw new WebhookException(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebhookException(method + " " + url + " was interrupted.", e);
        }
    }

    /**
     * Waits for an answer like {@code HttpClient.send} does, but on a future close() can cancel: a request still
     * waiting when the client's threads stop would otherwise wait forever (its timeout is run by those threads).
     */
    private <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> answer)
            throws IOException, InterruptedException {
        inFlight.add(answer);
        try {
            if (closed) {
                answer.cancel(true);
            }
            return answer.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof CancellationException cancelled) {
                throw new IOException("the simulator stopped while waiting for the answer", cancelled);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        } catch (CancellationException e) {
            throw new IOException("the simulator stopped while waiting for the answer", e);
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } finally {
            inFlight.remove(answer);
        }
    }

    private String seconds(HttpConnectTimeoutException e) {
        return client.connectTimeout().map(d -> d.toMillis() + " ms").orElse("the connect timeout");
    }

    static String form(Map<String, String> parameters) {
        return new TreeMap<>(parameters).entrySet().stream()
                .map(p -> URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, List<String>> multi(Map<String, String> parameters) {
        return parameters.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
    }

    /** Plivo's nonces are long decimal numbers; any unpredictable value works for the signature. */
    private static String nonce() {
        StringBuilder nonce = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            nonce.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return nonce.toString();
    }
}
