package com.inspireworks.ivr.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.plivo.api.PlivoClient;
import com.plivo.api.exceptions.AuthenticationException;
import com.plivo.api.exceptions.PlivoRestException;
import com.plivo.api.models.base.LogLevel;
import com.plivo.api.models.call.Call;
import com.plivo.api.models.call.CallCreateResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.ResponseBody;

/**
 * Places calls through plivo-java. One instance, and so one {@link PlivoClient} and one connection pool, serves the
 * whole application.
 *
 * <p>Two interceptors correct the SDK: it ignores its base URL for voice calls (so requests are rewritten to the
 * configured {@code plivo.api-url}), and on a 500/502/503 it silently sends the same create-call POST twice more
 * (its two "fallback" URLs are the same voice API host), which can place one call three times.
 * {@link NoRetryOnServerError} turns the first 5xx into an exception before the SDK can retry. OkHttp's own silent
 * retry is switched off for the same reason. The SDK's HTTP logging stays off: at header level it would log the
 * Authorization header.
 *
 * <p>Threads. An undeployed application must leave no thread behind: a thread started from the application keeps its
 * class loader, and so every class of the WAR, in memory (Tomcat reports it as "likely to create a memory leak").
 * <ul>
 * <li>OkHttp's read, write and call timeouts are Okio {@code AsyncTimeout}s: the first one starts the "Okio Watchdog"
 * thread, which cannot be stopped and ends only after 60 s without timeouts. So OkHttp gets no such timeout (its
 * connect timeout is the socket's own and starts no thread), and {@link CallDeadline}s on a timer thread of this
 * class, which {@link #close()} stops, take their place: Plivo's answer must arrive within the read timeout once
 * the connection is open, and the whole request (TLS handshake included) must end within twice connect + read, the
 * bound OkHttp's call timeout gave before.</li>
 * <li>Connection-pool housekeeping runs on OkHttp's shared task threads ("OkHttp TaskRunner"), one pool per class
 * loader, idle threads lingering 60 s; {@link OkHttpTaskThreads} stops them when the last gateway closes.</li>
 * <li>HTTP/1.1 only: HTTP/2 would read each connection on one more of those task threads.</li>
 * </ul>
 */
public final class PlivoGateway implements CallGateway {

    private static final Logger LOG = Logger.getLogger(PlivoGateway.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Plivo answers a create-call request with a few hundred bytes of JSON. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    /** How long {@link #close()} waits for the threads it stops. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);

    private final PlivoClient client;
    private final OkHttpClient.Builder http;
    private final ScheduledThreadPoolExecutor deadlines;
    private final String apiHost;
    private final Duration readTimeout;
    private final AtomicBoolean closed = new AtomicBoolean();

    public PlivoGateway(String authId, String authToken, URI apiUrl, Duration connectTimeout, Duration readTimeout) {
        HttpUrl target = HttpUrl.get(apiUrl.toString());
        // The timer starts its thread at the first request, so nothing runs yet if the SDK refuses the settings below.
        this.deadlines = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "ivr-plivo-deadline");
            thread.setDaemon(true);
            return thread;
        });
        deadlines.setRemoveOnCancelPolicy(true);
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(connectTimeout)
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .callTimeout(Duration.ZERO)
                .protocols(List.of(Protocol.HTTP_1_1))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .addInterceptor(new CallDeadline(deadlines, connectTimeout.plus(readTimeout).multipliedBy(2)))
                .addInterceptor(new RewriteApiBase(target))
                .addInterceptor(new NoRetryOnServerError())
                .addNetworkInterceptor(new CallDeadline(deadlines, readTimeout));
        try {
            this.client = new PlivoClient(authId, authToken, http, LogLevel.NONE);
        } catch (RuntimeException e) {
            deadlines.shutdownNow();
            throw e;
        }
        OkHttpTaskThreads.retain();
        this.http = http;
        this.apiHost = target.host();
        this.readTimeout = readTimeout;
    }

    @Override
    public String placeCall(CallRequest request) throws CallFailedException {
        try {
            CallCreateResponse response = Call.creator(request.from(), List.of(request.to()), request.answerUrl())
                    .answerMethod("POST")
                    .hangupUrl(request.hangupUrl())
                    .hangupMethod("POST")
                    .timeLimit(request.timeLimit().toSeconds())
                    .client(client)
                    .create();
            String uuid = response == null ? null : response.getRequestUuid();
            if (uuid == null || uuid.isBlank()) {
                throw new CallFailedException(CallFailedException.Kind.OUTCOME_UNKNOWN,
                        "Plivo accepted the request but returned no request_uuid.");
            }
            return uuid;
        } catch (AuthenticationException e) {
            throw notPlaced("Plivo rejected the account credentials (plivo.auth-id / plivo.auth-token).", e);
        } catch (PlivoRestException e) {
            throw notPlaced("Plivo refused the call: " + plivoError(e.getMessage()), e);
        } catch (PlivoServerError e) {
            throw notPlaced("Plivo failed with HTTP " + e.status() + ": " + plivoError(e.body())
                    + ". The call was not placed; try again later.", e);
        } catch (InterruptedIOException e) {
            throw outcomeUnknown("Plivo did not answer within " + readTimeout.toSeconds() + " s. The call may or may"
                    + " not have been placed: check the Plivo console before trying again.", e);
        } catch (UnknownHostException | ConnectException e) {
            throw notPlaced("Cannot reach the Plivo API at " + apiHost + ". The call was not placed.", e);
        } catch (IOException e) {
            throw outcomeUnknown("Communication with Plivo failed (" + e.getClass().getSimpleName() + "). The call"
                    + " may or may not have been placed: check the Plivo console before trying again.", e);
        }
    }

    private static CallFailedException notPlaced(String message, Exception cause) {
        return new CallFailedException(CallFailedException.Kind.NOT_PLACED, message, cause);
    }

    private static CallFailedException outcomeUnknown(String message, Exception cause) {
        return new CallFailedException(CallFailedException.Kind.OUTCOME_UNKNOWN, message, cause);
    }

    /**
     * Closes pooled connections and stops every thread this gateway started, waiting (briefly) until they have ended,
     * so that an undeployed application leaves nothing running. Every client the SDK built from our builder shares
     * its dispatcher and connection pool. The last gateway of a class loader to close also stops OkHttp's shared task
     * threads: call it when the application stops.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        OkHttpClient shared = http.build();
        shared.dispatcher().executorService().shutdown();
        shared.connectionPool().evictAll();
        deadlines.shutdownNow();
        try {
            if (!deadlines.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning("The Plivo deadline thread did not stop within " + STOP_WAIT.toSeconds() + " s.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        OkHttpTaskThreads.release(STOP_WAIT);
    }

    /** Plivo's error bodies are JSON with an {@code error} field; fall back to a short, printable excerpt. */
    static String plivoError(String body) {
        if (body == null || body.isBlank()) {
            return "no details given";
        }
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode error = node == null ? null : node.get("error");
            if (error != null && !error.isNull()) {
                return clip(error.isTextual() ? error.asText() : error.toString());
            }
        } catch (IOException notJson) {
            // plain text body
        }
        return clip(body);
    }

    private static String clip(String text) {
        String cleaned = text.replaceAll("\\p{Cntrl}", " ").strip();
        return cleaned.length() > 200 ? cleaned.substring(0, 200) + "..." : cleaned;
    }

    /**
     * A deadline for what follows in the chain: as an application interceptor for the whole request, as a network
     * interceptor (which runs once the connection is open) for sending it and reading Plivo's answer. When it passes,
     * the call is cancelled (OkHttp closes its socket, so a blocked connect, handshake or read fails at once) and the
     * failure is reported as a timeout. The answer's body is read here, inside the deadline, because the SDK reads it
     * only after the interceptors have returned.
     */
    static final class CallDeadline implements Interceptor {
        private final ScheduledThreadPoolExecutor timer;
        private final Duration deadline;

        CallDeadline(ScheduledThreadPoolExecutor timer, Duration deadline) {
            this.timer = timer;
            this.deadline = deadline;
        }

        @Override
        public okhttp3.Response intercept(Chain chain) throws IOException {
            okhttp3.Call call = chain.call();
            AtomicBoolean expired = new AtomicBoolean();
            ScheduledFuture<?> alarm;
            try {
                alarm = timer.schedule(() -> {
                    expired.set(true);
                    call.cancel();
                }, deadline.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                throw new IOException("The Plivo gateway is closed (the application is stopping).", e);
            }
            try {
                okhttp3.Response response = chain.proceed(chain.request());
                if (response.body() == null) {
                    return response;
                }
                try (response) {
                    ResponseBody answer = response.peekBody(MAX_ANSWER_BYTES);
                    return response.newBuilder().body(answer).build();
                }
            } catch (IOException e) {
                if (expired.get() && !(e instanceof PlivoServerError)) {
                    InterruptedIOException timeout = new InterruptedIOException(
                            "no answer within " + deadline.toMillis() + " ms");
                    timeout.initCause(e);
                    throw timeout;
                }
                throw e;
            } finally {
                alarm.cancel(false);
            }
        }
    }

    /** Sends every request to the configured API base (scheme, host and port), keeping path and query. */
    static final class RewriteApiBase implements Interceptor {
        private final HttpUrl target;

        RewriteApiBase(HttpUrl target) {
            this.target = target;
        }

        @Override
        public okhttp3.Response intercept(Chain chain) throws IOException {
            Request request = chain.request();
            HttpUrl url = request.url().newBuilder()
                    .scheme(target.scheme())
                    .host(target.host())
                    .port(target.port())
                    .build();
            return chain.proceed(request.newBuilder().url(url).build());
        }
    }

    /** Ends the request on a 5xx answer so that the SDK cannot repeat the POST through its fallback URLs. */
    static final class NoRetryOnServerError implements Interceptor {
        @Override
        public okhttp3.Response intercept(Chain chain) throws IOException {
            okhttp3.Response response = chain.proceed(chain.request());
            if (response.code() >= 500) {
                String body;
                try (response) {
                    body = response.body() == null ? "" : response.peekBody(4096).string();
                }
                throw new PlivoServerError(response.code(), body);
            }
            return response;
        }
    }

    /** A 5xx from Plivo, carried through the SDK as an IOException. */
    static final class PlivoServerError extends IOException {
        private final int status;
        private final String body;

        PlivoServerError(int status, String body) {
            super("Plivo answered HTTP " + status);
            this.status = status;
            this.body = body;
        }

        int status() {
            return status;
        }

        String body() {
            return body;
        }
    }
}
