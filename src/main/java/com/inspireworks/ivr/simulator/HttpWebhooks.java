package com.inspireworks.ivr.simulator;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@link Webhooks} over real HTTP with {@code java.net.http}, signed like Plivo signs: when an auth token is
 * configured every request carries {@code X-Plivo-Signature-V3} and a fresh random {@code X-Plivo-Signature-V3-Nonce};
 * without one nothing is signed (the application does not verify then). HTTP redirects are not followed. Answers
 * larger than Plivo's 100 KB document limit are refused. Only URLs under the application's own public URL are
 * fetched: the simulator runs on the server, so a document naming any other address must not make the server send
 * (signed) requests there. Thread-safe; one client is shared by all calls.
 */
public final class HttpWebhooks implements Webhooks {

    /** Plivo refuses XML documents larger than this. */
    public static final int MAX_DOCUMENT_BYTES = 100 * 1024;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpClient client;
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
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public WebhookResponse send(String method, String url, Map<String, String> parameters) throws WebhookException {
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
            HttpResponse<InputStream> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
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
