package com.inspireworks.ivr.bench;

import com.inspireworks.ivr.support.FakePlivoApi;
import com.plivo.api.PlivoClient;
import com.plivo.api.models.base.LogLevel;
import com.plivo.api.models.call.Call;
import com.plivo.api.models.call.CallCreateResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * What {@code POST /make-call} adds on top of the Plivo API call itself. Both sides talk to the same
 * {@link FakePlivoServer} (answers 201 at once), one request at a time, after a warm-up:
 * <ol>
 * <li>{@code sdk}: plivo-java called directly in this JVM ({@code Call.creator(...).create()} on one reused
 * {@link PlivoClient}, pointed at the fake the way the app does it);</li>
 * <li>{@code app}: an operator's JSON request to the app on Tomcat over HTTP (session cookie after one sign-in,
 * number parsing, policy, rate limiter, the same SDK call, JSON answer);</li>
 * <li>{@code health}: {@code GET /health} on the same Tomcat, the bare HTTP round trip to the container.</li>
 * </ol>
 * Prints one {@code BENCH name n=.. mean_us=.. p50_us=.. p99_us=..} line per side.
 *
 * <pre>java -cp ... com.inspireworks.ivr.bench.MakeCallBench FAKE_API_URL APP_URL USER PASSWORD WARMUP COUNT</pre>
 */
public final class MakeCallBench {

    private static final String FROM = "+14155550100";
    private static final String TO = "+14155550123";

    private MakeCallBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: MakeCallBench FAKE_API_URL APP_URL USER PASSWORD WARMUP COUNT");
            System.exit(2);
        }
        String fakeApi = args[0];
        String app = args[1].replaceAll("/+$", "");
        String user = args[2];
        String password = args[3];
        int warmup = Integer.parseInt(args[4]);
        int count = Integer.parseInt(args[5]);

        PlivoClient plivo = plivoClient(fakeApi);
        String answerUrl = app + "/ivr/welcome";
        String hangupUrl = app + "/ivr/hangup";
        Step sdk = () -> {
            CallCreateResponse response = Call.creator(FROM, List.of(TO), answerUrl)
                    .answerMethod("POST")
                    .hangupUrl(hangupUrl)
                    .hangupMethod("POST")
                    .timeLimit(3600L)
                    .client(plivo)
                    .create();
            if (response.getRequestUuid() == null) {
                throw new IllegalStateException("no request_uuid from the fake API");
            }
        };

        // Signed in once, as scripts do (POST /login), then the session cookie: what a call costs, not a sign-in.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new java.net.CookieManager())
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(app + "/login"))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new com.fasterxml.jackson.databind.ObjectMapper()
                        .createObjectNode().put("username", user).put("password", password).toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (signIn.statusCode() != 200) {
            throw new IllegalStateException("POST /login: HTTP " + signIn.statusCode() + " " + signIn.body());
        }
        HttpRequest makeCall = HttpRequest.newBuilder(URI.create(app + "/make-call"))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"" + TO + "\"}"))
                .build();
        Step viaApp = () -> {
            HttpResponse<String> response = http.send(makeCall, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201 || !response.body().contains("requestUuid")) {
                throw new IllegalStateException("POST /make-call: HTTP " + response.statusCode() + " "
                        + response.body());
            }
        };
        HttpRequest healthRequest = HttpRequest.newBuilder(URI.create(app + "/health"))
                .timeout(Duration.ofSeconds(15)).GET().build();
        Step health = () -> {
            HttpResponse<String> response = http.send(healthRequest, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /health: HTTP " + response.statusCode());
            }
        };

        // Warm all three first, then measure them interleaved in rounds so that load from elsewhere hits each alike.
        for (Step step : List.of(sdk, viaApp, health)) {
            for (int i = 0; i < warmup; i++) {
                step.run();
            }
        }
        int rounds = 10;
        long[][] nanos = new long[3][count];
        int per = Math.max(1, count / rounds);
        int done = 0;
        while (done < count) {
            int n = Math.min(per, count - done);
            measure(sdk, nanos[0], done, n);
            measure(viaApp, nanos[1], done, n);
            measure(health, nanos[2], done, n);
            done += n;
        }
        report("sdk", nanos[0]);
        report("app", nanos[1]);
        report("health", nanos[2]);
        // OkHttp's pool threads would keep the JVM alive for a minute.
        System.exit(0);
    }

    private static void measure(Step step, long[] into, int from, int n) throws Exception {
        for (int i = from; i < from + n; i++) {
            long start = System.nanoTime();
            step.run();
            into[i] = System.nanoTime() - start;
        }
    }

    private static void report(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1000.0;
        System.out.println(String.format(Locale.ROOT, "BENCH %s n=%d mean_us=%.1f p50_us=%.1f p99_us=%.1f max_us=%.1f",
                name, sorted.length, mean, percentile(sorted, 50), percentile(sorted, 99),
                sorted[sorted.length - 1] / 1000.0));
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
    }

    /** The SDK client the app would build, with the same API-base rewrite so calls reach the fake. */
    private static PlivoClient plivoClient(String fakeApi) {
        HttpUrl target = HttpUrl.get(fakeApi);
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .retryOnConnectionFailure(false)
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
                        .url(chain.request().url().newBuilder().scheme(target.scheme()).host(target.host())
                                .port(target.port()).build())
                        .build()));
        return new PlivoClient(FakePlivoApi.AUTH_ID, FakePlivoApi.AUTH_TOKEN, builder, LogLevel.NONE);
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }
}
