package com.inspireworks.ivr.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.security.PlivoSignatureV3;
import com.inspireworks.ivr.support.CallWalker;
import com.inspireworks.ivr.support.EmbeddedIvr;
import com.inspireworks.ivr.support.FormPage;
import com.inspireworks.ivr.support.Http;
import com.inspireworks.ivr.support.PlivoXmlDoc;
import com.inspireworks.ivr.support.RawHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes every endpoint with hostile input. Every answer must be deliberate: for a well-formed webhook request,
 * 200 and a valid Plivo document whatever the values; otherwise the 4xx that names the problem; never a 5xx, a stack
 * trace, a server banner or a SEVERE log entry. One server has signature checks off (no token) so that the payloads
 * reach the servlets; a second one has them on, and the signature filter itself is fuzzed there.
 */
class HostileInputIT {

    static final String TOKEN = "HostileInputFakeToken0123456789";
    /** What a Plivo answer may contain directly under Response (what our documents use, and Plivo's other verbs). */
    static final Set<String> PLIVO_ELEMENTS = Set.of("Speak", "Play", "GetDigits", "GetInput", "Dial", "Redirect",
            "Hangup", "Wait", "Record", "PreAnswer", "Conference", "DTMF");

    static EmbeddedIvr ivr;
    static EmbeddedIvr signed;
    static String signedPublicBase;
    static Http operator;
    static Http anonymous;
    static Http stranger;
    static SevereEntries severe;
    final List<String> failures = new ArrayList<>();
    static int cases;

    static final List<String> HOSTILE_VALUES = List.of(
            "", " ", "1".repeat(10_000), "ñ".repeat(10_000), "١", "１", "😀", "1\r\nX-Injected: yes", "1\u0000",
            "<Hangup/>", "]]><Dial>", "\"'><script>alert(1)</script>", "&amp;&#0;&", "${7*7}", "%00", "../../etc",
            "{\"to\":1}", "\u202e1", "\ud800");

    static final List<String> PLIVO_PATHS = List.of("/ivr/welcome", "/ivr/language-handler", "/ivr/main-menu/en",
            "/ivr/main-menu/es", "/ivr/menu-handler/en", "/ivr/menu-handler/es", "/ivr/dial-status/en",
            "/ivr/dial-status/es", "/ivr/hangup");

    @BeforeAll
    static void start() {
        severe = new SevereEntries();
        ivr = EmbeddedIvr.start(0, "/ivr", Map.of("ivr.public-url", "https://ivr.example.com/ivr",
                "ivr.associate-number", "+14155550199", "ivr.max-calls-per-minute", "10000"));
        operator = Http.operator(ivr);
        anonymous = new Http(ivr.baseUrl());
        int port = EmbeddedIvr.freePort();
        signedPublicBase = "http://127.0.0.1:" + port + "/signed";
        signed = EmbeddedIvr.start(port, "/signed", Map.of("ivr.public-url", signedPublicBase,
                "plivo.auth-token", TOKEN, "ivr.associate-number", "+14155550199"));
        stranger = new Http(signed.baseUrl());
    }

    @AfterAll
    static void stop() {
        ivr.close();
        signed.close();
        severe.close();
        System.out.println("fuzz: " + cases + " cases checked");
        assertEquals(List.of(), severe.entries(), "no SEVERE log entry (a stack trace) for any input");
    }

    /** SEVERE entries from anyone (the container logs a servlet's exception as SEVERE with its stack trace). */
    static final class SevereEntries extends Handler implements AutoCloseable {
        private final List<String> entries = new CopyOnWriteArrayList<>();

        SevereEntries() {
            setLevel(Level.SEVERE);
            Logger.getLogger("").addHandler(this);
        }

        List<String> entries() {
            return List.copyOf(entries);
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()
                    && !String.valueOf(record.getMessage()).contains("child container failed during stop")) {
                entries.add(record.getLoggerName() + ": " + record.getMessage() + " " + record.getThrown());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            Logger.getLogger("").removeHandler(this);
        }
    }

    /** What came back, from the JDK client or from a raw socket (for request targets the JDK refuses to send). */
    record Reply(int statusCode, String contentType, String server, String body) {
        static Reply of(HttpResponse<String> response) {
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Server").orElse(null), response.body());
        }
    }

    /**
     * Sends a request exactly as written, e.g. with {@code %zz} in the query, which {@link java.net.URI} refuses. HTTP/1.1,
     * one request per connection.
     */
    static Reply raw(EmbeddedIvr server, String method, String target, String contentType, String body) {
        Map<String, String> headers = contentType == null ? Map.of() : Map.of("Content-Type", contentType);
        return Reply.of(RawHttp.exchange(server.port(), method, target, headers,
                body.getBytes(StandardCharsets.UTF_8)));
    }

    private void check(String label, HttpResponse<String> response) {
        check(label, Reply.of(response));
    }

    private void check(String label, HttpResponse<String> response, int status) {
        check(label, Reply.of(response), status);
    }

    private void checkDocument(String label, String path, HttpResponse<String> response) {
        checkDocument(label, path, Reply.of(response));
    }

    /** Records one case: no 5xx, no leak. */
    private void check(String label, Reply response) {
        cases++;
        List<String> problems = leaks(response);
        if (response.statusCode() >= 500) {
            problems.add("status " + response.statusCode());
        }
        if (!problems.isEmpty()) {
            failures.add(label + " -> " + problems);
        }
    }

    /** Records one case that must be refused with exactly this status (and no leak). */
    private void check(String label, Reply response, int status) {
        cases++;
        List<String> problems = leaks(response);
        if (response.statusCode() != status) {
            problems.add("status " + response.statusCode() + ", expected " + status);
        }
        if (!problems.isEmpty()) {
            failures.add(label + " -> " + problems);
        }
    }

    /** Records one webhook case: 200 and a valid Plivo document, nothing else. */
    private void checkDocument(String label, String path, Reply response) {
        cases++;
        List<String> problems = leaks(response);
        if (response.statusCode() != 200) {
            problems.add("status " + response.statusCode() + ", a webhook must answer 200 and a document");
        } else if (!response.contentType().startsWith("application/xml")) {
            problems.add("Content-Type " + response.contentType());
        } else {
            try {
                PlivoXmlDoc doc = PlivoXmlDoc.parse(response.body());
                if (doc.tags().isEmpty() && !path.endsWith("/ivr/hangup")) {
                    problems.add("empty document");
                }
                for (String tag : doc.tags()) {
                    if (!PLIVO_ELEMENTS.contains(tag)) {
                        problems.add("<" + tag + "> is no Plivo element");
                    }
                }
            } catch (AssertionError e) {
                problems.add("not a Plivo document: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            failures.add(label + " -> " + problems);
        }
    }

    private static List<String> leaks(Reply response) {
        List<String> problems = new ArrayList<>();
        String body = response.body();
        for (String leak : List.of("Exception", "\tat ", "at com.", "at org.", "Apache Tomcat", "jakarta.servlet.")) {
            if (body.contains(leak)) {
                problems.add("body contains '" + leak + "'");
            }
        }
        if (response.server() != null) {
            problems.add("Server banner " + response.server());
        }
        return problems;
    }

    @Test
    void plivoPathsAnswerEveryHostileParameterWithASafeDocument() {
        for (String path : PLIVO_PATHS) {
            for (String value : HOSTILE_VALUES) {
                Map<String, String> params = new LinkedHashMap<>();
                params.put("Digits", value);
                params.put("DialStatus", value);
                params.put("CallUUID", value);
                params.put("To", value);
                params.put("Duration", value);
                checkDocument("POST " + path + " " + abbreviate(value), path, anonymous.postForm(path, params));
                String query = "?attempt=" + java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
                HttpResponse<String> withQuery = anonymous.postForm(path + query, params);
                if (query.length() > 7000) {
                    // Longer than the request line + headers the connector accepts (8 KB): its 400, no document.
                    check("POST " + path + "?attempt=" + abbreviate(value), withQuery, 400);
                } else {
                    checkDocument("POST " + path + "?attempt=" + abbreviate(value), path, withQuery);
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void hugeAndMalformedBodiesAreHandled() {
        String huge = "Digits=" + "1".repeat(3 * 1024 * 1024);
        for (String path : PLIVO_PATHS) {
            // Over the container's form size limit (2 MB): 413 from Tomcat 11, whose page must say 413.
            HttpResponse<String> tooLarge = anonymous.sendOversized("POST", path, "application/x-www-form-urlencoded",
                    huge);
            check("huge " + path, tooLarge, 413);
            titled("huge " + path, tooLarge, "413 – Request too large");
            HttpResponse<String> malformed = anonymous.send("POST", path, "application/x-www-form-urlencoded",
                    "%%%&&&==%zz%c3%28");
            check("binary " + path, malformed, 400);
            titled("binary " + path, malformed, "400 – Bad request");
            checkDocument("xml body " + path, path, anonymous.send("POST", path, "application/xml",
                    "<Digits>1</Digits>"));
        }
        // Over our 64 KB JSON limit, and over what Tomcat swallows after an early answer (maxSwallowSize, 2 MB): it
        // answers 413 and closes with the rest unread.
        check("huge make-call", operator.sendOversized("POST", "/make-call", "application/json", "{\"to\":\""
                + "9".repeat(1024 * 1024) + "\"}"), 413);
        check("hugest make-call", operator.sendOversized("POST", "/make-call", "application/json", "{\"to\":\""
                + "9".repeat(3 * 1024 * 1024) + "\"}"), 413);
        check("health after the huge bodies", anonymous.get("/health"), 200);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private void titled(String label, HttpResponse<String> page, String title) {
        if (!page.body().contains(title)) {
            failures.add(label + " -> the page does not say '" + title + "': " + abbreviate(page.body()));
        }
    }

    /**
     * The signature filter with checks ON, attacked by someone without the token: malformed escapes and odd
     * encodings in query and body, huge and repeated parameters, odd content types. Each is refused with 400
     * (malformed), 413 (too large) or 403 (not signed), never a 500; {@code POST /ivr/welcome?%zz=1} was a 500 with a
     * SEVERE stack trace.
     */
    @Test
    void theSignatureFilterRefusesMalformedInputWithoutAServerError() {
        for (String path : PLIVO_PATHS) {
            for (String query : List.of("%zz=1", "a=%zz", "%=1", "a=%", "a=%4", "%c3%28=1", "a=%ff", "a=%ed%a0%80",
                    "attempt=1&%zz", "%%%", "=", "=x")) {
                check("query " + query + " " + path, raw(signed, "POST", "/signed" + path + "?" + query,
                        "application/x-www-form-urlencoded", "Digits=1"), 400);
            }
            for (String query : List.of("attempt=%31", "a=1&a=2&a=3", "&&&", "a==b", "x=" + "y".repeat(6000),
                    "attempt=%00", "attempt=%F0%9F%98%80")) {
                check("unsigned well-formed query " + abbreviate(query) + " " + path, raw(signed, "POST",
                        "/signed" + path + "?" + query, "application/x-www-form-urlencoded", "Digits=1"), 403);
            }
            for (String body : List.of("%zz=1", "Digits=%", "Digits=%c3%28", "Digits=%ff&CallUUID=x", "%=%")) {
                check("body " + body + " " + path, stranger.send("POST", path,
                        "application/x-www-form-urlencoded", body), 400);
            }
            check("body over 64 KB " + path, stranger.send("POST", path, "application/x-www-form-urlencoded",
                    "Digits=" + "1".repeat(70_000)), 413);
            check("body of 3 MB " + path, stranger.sendOversized("POST", path, "application/x-www-form-urlencoded",
                    "Digits=" + "1".repeat(3 * 1024 * 1024)), 413);
            StringBuilder repeated = new StringBuilder("Digits=1");
            for (int i = 0; i < 1500; i++) {
                repeated.append("&Digits=").append(i % 10);
            }
            HttpResponse<String> many = stranger.send("POST", path, "application/x-www-form-urlencoded",
                    repeated.toString());
            check("1,500 repeated parameters " + path, many);
            if (many.statusCode() != 400 && many.statusCode() != 403) {
                failures.add("1,500 repeated parameters " + path + " -> " + many.statusCode());
            }
            for (String type : List.of("text/plain", "multipart/form-data; boundary=x", "application/json",
                    "application/x-www-form-urlencoded; charset=ISO-8859-1", "application/x-www-form-urlencoded; charset=nonsense")) {
                check(type + " " + path, raw(signed, "POST", "/signed" + path, type, "Digits=%E9"),
                        type.contains("form-urlencoded") && !type.contains("ISO-8859-1") ? 400 : 403);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** Signed by Plivo (the token), hostile but well-formed values: 200 and a document, like any other request. */
    @Test
    void signedRequestsWithHostileValuesGetADocument() {
        for (String path : PLIVO_PATHS) {
            for (String value : HOSTILE_VALUES) {
                if (value.length() > 1000) {
                    continue;
                }
                Map<String, String> params = new LinkedHashMap<>();
                params.put("Digits", value);
                params.put("DialStatus", value);
                params.put("CallUUID", value);
                String query = "?attempt=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
                Map<String, String> headers = CallWalker.signatureHeaders(TOKEN, signedPublicBase + path + query,
                        params);
                checkDocument("signed " + path + " " + abbreviate(value), path, stranger.postForm(path + query,
                        params, headers));
            }
            // Repeated parameters, signed as Plivo signs them (every value of a name, sorted).
            Map<String, List<String>> repeated = Map.of("Digits", List.of("2", "1"), "CallUUID", List.of("abc"));
            String nonce = "hostile-nonce-1";
            String signature = PlivoSignatureV3.sign(TOKEN, "POST", signedPublicBase + path, repeated, nonce);
            checkDocument("signed repeated Digits " + path, path, stranger.send(HttpRequest.newBuilder(
                    URI.create(signed.baseUrl() + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header(PlivoSignatureV3.SIGNATURE_HEADER, signature)
                    .header(PlivoSignatureV3.NONCE_HEADER, nonce)
                    .POST(HttpRequest.BodyPublishers.ofString("Digits=2&CallUUID=abc&Digits=1"))));
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void pathTraversalAndUnknownLanguagesAreRefused() {
        List<String> paths = List.of("/ivr/main-menu/fr", "/ivr/main-menu/../../WEB-INF/web.xml",
                "/ivr/main-menu/..%2f..%2fWEB-INF%2fweb.xml", "/ivr/menu-handler/%2e%2e/%2e%2e/WEB-INF/web.xml",
                "/ivr/dial-status/en%00", "/ivr/main-menu/%c0%ae%c0%ae/", "/ivr/main-menu/en;jsessionid=x",
                "/ivr/main-menu/" + "e".repeat(5000), "/WEB-INF/web.xml", "/META-INF/MANIFEST.MF",
                "/ivr/main-menu/%3Cscript%3E", "/ivr/../WEB-INF/web.xml", "/static/../WEB-INF/web.xml");
        for (String path : paths) {
            HttpResponse<String> response = anonymous.postForm(path, Map.of("Digits", "1"));
            check("traversal " + path, response);
            if (!path.endsWith(";jsessionid=x")) {
                if (response.statusCode() < 400) {
                    failures.add(path + " answered " + response.statusCode());
                }
            }
            if (response.body().contains("<web-app") || response.body().contains("Manifest-Version")) {
                failures.add(path + " leaked a protected file");
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void wrongMethodsEverywhereAre4xx() {
        List<String> everything = new ArrayList<>(PLIVO_PATHS);
        everything.addAll(List.of("/", "/make-call", "/health"));
        for (String path : everything) {
            for (String method : List.of("PUT", "DELETE", "PATCH", "TRACE", "PROPFIND")) {
                HttpResponse<String> response = operator.send(HttpRequest.newBuilder(
                        java.net.URI.create(ivr.baseUrl() + path)).method(method,
                        HttpRequest.BodyPublishers.ofString("x")));
                check(method + " " + path, response);
                if (response.statusCode() < 400) {
                    failures.add(method + " " + path + " answered " + response.statusCode());
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void makeCallRefusesMalformedJsonAndMissingFieldsWith4xx() {
        List<String> bodies = List.of("", "{", "}", "[", "null", "true", "1", "\"+14155550123\"", "{\"to\":null}",
                "{\"to\":[\"+14155550123\"]}", "{\"to\":{\"$gt\":\"\"}}", "{\"to\":\"\"}", "{\"TO\":\"+14155550123\"}",
                "{\"to\":\"+14155550123\"", "{\"to\":\"+1415\u0000\"}", "{\"to\":\"" + "+1".repeat(5000) + "\"}",
                "{\"to\":\"<script>\"}", "\u00ff\u00fe", "{\"to\":\"+14155550123\"}{\"to\":\"+1\"}",
                "{\"a\":" + "[".repeat(5000) + "}");
        for (String body : bodies) {
            HttpResponse<String> response = operator.postJson("/make-call", body);
            check("json " + abbreviate(body), response);
            if (response.statusCode() < 400 && response.statusCode() != 201) {
                failures.add("json " + abbreviate(body) + " answered " + response.statusCode());
            }
        }
        String token = FormPage.csrfToken(operator.get("/").body());
        for (String value : HOSTILE_VALUES) {
            HttpResponse<String> response = operator.postForm("/make-call", Map.of("to", value, "csrf", token));
            check("form " + abbreviate(value), response);
            String page = operator.get("/").body();
            if (page.contains("<script>alert(1)</script>")) {
                failures.add("form reflected script for " + abbreviate(value));
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @AfterEach
    void countedCases() {
        assertTrue(cases > 0, "the fuzzer checked nothing");
    }

    private static String abbreviate(String value) {
        String shown = value.length() > 20 ? value.substring(0, 20) + "...(" + value.length() + ")" : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
