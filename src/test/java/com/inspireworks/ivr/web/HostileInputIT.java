package com.inspireworks.ivr.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.support.EmbeddedIvr;
import com.inspireworks.ivr.support.FormPage;
import com.inspireworks.ivr.support.Http;
import com.inspireworks.ivr.support.PlivoXmlDoc;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes every endpoint with hostile input. Every answer must be deliberate: a 4xx, or for Plivo's paths a safe,
 * well-formed Plivo document; never a 5xx, a stack trace or a server banner. Signature checks are off here (no
 * token) so that the payloads reach the servlets; SecurityIT covers the signature filter itself.
 */
class HostileInputIT {

    static EmbeddedIvr ivr;
    static Http operator;
    static Http anonymous;
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
        ivr = EmbeddedIvr.start(0, "/ivr", Map.of("ivr.public-url", "https://ivr.example.com/ivr",
                "ivr.associate-number", "+14155550199", "ivr.max-calls-per-minute", "10000"));
        operator = Http.operator(ivr);
        anonymous = new Http(ivr.baseUrl());
    }

    @AfterAll
    static void stop() {
        ivr.close();
        System.out.println("fuzz: " + cases + " cases checked");
    }

    /** Records one case: deliberate status, no leak; for Plivo paths with 200, a well-formed document. */
    private void check(String label, HttpResponse<String> response, boolean plivoPath) {
        cases++;
        int status = response.statusCode();
        String body = response.body();
        List<String> problems = new ArrayList<>();
        if (status >= 500) {
            problems.add("status " + status);
        }
        for (String leak : List.of("Exception", "\tat ", "at com.", "at org.", "Apache Tomcat", "jakarta.servlet.")) {
            if (body.contains(leak)) {
                problems.add("body contains '" + leak + "'");
            }
        }
        response.headers().firstValue("Server").ifPresent(server -> problems.add("Server banner " + server));
        if (plivoPath && status == 200 && !label.contains("/ivr/hangup")) {
            try {
                PlivoXmlDoc doc = PlivoXmlDoc.parse(body);
                if (doc.tags().isEmpty()) {
                    problems.add("empty document");
                }
            } catch (AssertionError e) {
                problems.add("not XML: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            failures.add(label + " -> " + problems);
        }
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
                check("POST " + path + " " + abbreviate(value), anonymous.postForm(path, params), true);
                check("POST " + path + "?attempt=" + abbreviate(value), anonymous.postForm(path + "?attempt="
                        + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8), params), true);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void hugeAndMalformedBodiesAreHandled() {
        String huge = "Digits=" + "1".repeat(3 * 1024 * 1024);
        for (String path : PLIVO_PATHS) {
            check("huge " + path, anonymous.send("POST", path, "application/x-www-form-urlencoded", huge), true);
            check("binary " + path, anonymous.send("POST", path, "application/x-www-form-urlencoded",
                    "%%%&&&==%zz%c3%28"), true);
            check("xml body " + path, anonymous.send("POST", path, "application/xml", "<Digits>1</Digits>"), true);
        }
        check("huge make-call", operator.send("POST", "/make-call", "application/json", "{\"to\":\""
                + "9".repeat(3 * 1024 * 1024) + "\"}"), false);
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
            check("traversal " + path, response, false);
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
                check(method + " " + path, response, false);
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
            check("json " + abbreviate(body), response, false);
            if (response.statusCode() < 400 && response.statusCode() != 201) {
                failures.add("json " + abbreviate(body) + " answered " + response.statusCode());
            }
        }
        String token = FormPage.csrfToken(operator.get("/").body());
        for (String value : HOSTILE_VALUES) {
            HttpResponse<String> response = operator.postForm("/make-call", Map.of("to", value, "csrf", token));
            check("form " + abbreviate(value), response, false);
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
