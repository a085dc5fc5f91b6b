package com.inspireworks.ivr.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A small HTTP client for integration tests: no redirects followed, cookies kept per instance, so a client that
 * signed in once stays signed in (the session cookie), as a browser or a script does.
 */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final String base;
    private final CookieManager cookies = new CookieManager();
    private HttpResponse<String> signIn;

    /** A client that is not signed in. */
    public Http(String base) {
        this.base = base;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * A client that signs in as {@code user} first, the way scripts do ({@link #signIn}). When the sign-in is
     * refused it stays not signed in; {@link #signInResponse()} says why.
     */
    public Http(String base, String user, String password) {
        this(base);
        signIn(user, password);
    }

    /** {@code POST /login} with JSON credentials; on success the session cookie is kept for every later request. */
    public HttpResponse<String> signIn(String user, String password) {
        ObjectNode credentials = JSON.createObjectNode().put("username", user).put("password", password);
        signIn = postJson("/login", credentials.toString());
        return signIn;
    }

    /** The answer to the last {@link #signIn}, or null when this client never tried. */
    public HttpResponse<String> signInResponse() {
        return signIn;
    }

    /** {@code POST /logout} as a script: ends the session. */
    public HttpResponse<String> signOut() {
        return send("POST", "/logout", "application/json", "");
    }

    /** The session cookie's value, if the server set one. */
    public Optional<String> sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst();
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** POST as Plivo does: application/x-www-form-urlencoded parameters. */
    public HttpResponse<String> postForm(String path, Map<String, String> parameters) {
        return postForm(path, parameters, Map.of());
    }

    public HttpResponse<String> postForm(String path, Map<String, String> parameters, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(parameters)));
        headers.forEach(request::header);
        return send(request);
    }

    public HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> send(String method, String path, String contentType, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a body the server is expected to refuse unread (too large), with this client's cookies, and returns the
     * server's answer even when it closes the connection before the body is sent ({@link RawHttp}).
     */
    public HttpResponse<String> sendOversized(String method, String path, String contentType, String body) {
        URI target = uri(path);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        String cookie = cookies.getCookieStore().getCookies().stream().map(HttpCookie::toString)
                .collect(Collectors.joining("; "));
        if (!cookie.isEmpty()) {
            headers.put("Cookie", cookie);
        }
        return RawHttp.exchange(target.getPort(), method, target.getRawPath()
                + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()), headers,
                body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A GET whose body is read as it arrives (a Server-Sent Events stream), with this client's session cookie and
     * the given extra headers; close the body to end it.
     */
    public HttpResponse<java.io.InputStream> stream(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        headers.forEach(request::header);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, String> params(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    public static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** An operator's client for the embedded server, signed in. */
    public static Http operator(EmbeddedIvr ivr) {
        Http http = new Http(ivr.baseUrl(), EmbeddedIvr.OPERATOR, EmbeddedIvr.OPERATOR_PASSWORD);
        if (http.signIn.statusCode() != 200) {
            throw new IllegalStateException("The operator could not sign in: HTTP " + http.signIn.statusCode() + " "
                    + http.signIn.body());
        }
        return http;
    }

    private URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : base + path);
    }
}
