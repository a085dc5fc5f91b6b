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
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Places calls through plivo-java. One instance, and so one {@link PlivoClient} and one connection pool, serves the
 * whole application.
 *
 * <p>Two interceptors correct the SDK: it ignores its base URL for voice calls (so requests are rewritten to the
 * configured {@code plivo.api-url}), and on a 500/502/503 it silently sends the same create-call POST twice more
 * (its two "fallback" URLs are the same voice API host), which can place one call three times.
 * {@link NoRetryOnServerError} turns the first 5xx into an exception before the SDK can retry. OkHttp's own silent retry is switched off for the same reason. The SDK's HTTP logging stays
 * off: at header level it would log the Authorization header.
 */
public final class PlivoGateway implements CallGateway {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PlivoClient client;
    private final OkHttpClient.Builder http;
    private final String apiHost;
    private final Duration readTimeout;

    public PlivoGateway(String authId, String authToken, URI apiUrl, Duration connectTimeout, Duration readTimeout) {
        HttpUrl target = HttpUrl.get(apiUrl.toString());
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout)
                .callTimeout(connectTimeout.plus(readTimeout).multipliedBy(2))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .addInterceptor(new RewriteApiBase(target))
                .addInterceptor(new NoRetryOnServerError());
        this.client = new PlivoClient(authId, authToken, http, LogLevel.NONE);
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
     * Stops OkHttp's threads and closes pooled connections, so an undeployed application leaves nothing running.
     * Every client the SDK built from our builder shares its dispatcher and connection pool.
     */
    @Override
    public void close() {
        OkHttpClient shared = http.build();
        shared.dispatcher().executorService().shutdown();
        shared.connectionPool().evictAll();
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
