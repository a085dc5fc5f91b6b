package com.inspireworks.ivr.bench;

import com.inspireworks.ivr.security.PlivoSignatureV3;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes wrk Lua scripts with webhook requests signed exactly as Plivo signs them (X-Plivo-Signature-V3 over the
 * public URL and the form body, computed with the project's own {@link PlivoSignatureV3}). Signing happens once,
 * here: the load generator only replays the bytes, so its CPU goes into sending requests, and the server still
 * verifies every signature. The nonce is fixed; the app does not track nonces, so replaying is what Plivo retrying
 * would look like.
 *
 * <pre>java -cp ... com.inspireworks.ivr.bench.SignedRequests AUTH_TOKEN PUBLIC_URL CONTEXT_PATH STATIC_PATH OUT_DIR</pre>
 *
 * PUBLIC_URL is the configured ivr.public-url (e.g. http://127.0.0.1:8080/ivr), CONTEXT_PATH the path the app is
 * deployed under (/ivr), STATIC_PATH the path of the static copy of the welcome document (the ceiling). Writes
 * {@code welcome.lua}, {@code language-handler.lua}, {@code static.lua} (the welcome request's exact bytes sent to
 * the static file), {@code mix.lua} (a whole call, request after request, for the sustained run) and
 * {@code welcome.headers} (curl {@code -H @file} format).
 */
public final class SignedRequests {

    private static final String NONCE = "benchnonce0123456789";

    /** One webhook request: path below the context (with query) and form parameters. */
    record Webhook(String pathAndQuery, Map<String, String> form) {
    }

    private SignedRequests() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: SignedRequests AUTH_TOKEN PUBLIC_URL CONTEXT_PATH STATIC_PATH OUT_DIR");
            System.exit(2);
        }
        String token = args[0];
        String publicUrl = args[1].replaceAll("/+$", "");
        String contextPath = args[2].replaceAll("/+$", "");
        String staticPath = args[3];
        Path out = Path.of(args[4]);
        Files.createDirectories(out);

        Webhook welcome = new Webhook("/ivr/welcome", call(Map.of()));
        Webhook language = new Webhook("/ivr/language-handler?attempt=1", call(Map.of("Digits", "1")));
        List<Webhook> wholeCall = List.of(
                welcome,
                language,
                new Webhook("/ivr/main-menu/en", call(Map.of())),
                new Webhook("/ivr/menu-handler/en?attempt=1", call(Map.of("Digits", "9"))),
                new Webhook("/ivr/menu-handler/en?attempt=2", call(Map.of("Digits", "2"))),
                new Webhook("/ivr/dial-status/en?attempt=2", call(Map.of("DialStatus", "no-answer"))),
                new Webhook("/ivr/language-handler?attempt=1", call(Map.of("Digits", "2"))),
                new Webhook("/ivr/menu-handler/es?attempt=1", call(Map.of("Digits", "1"))),
                new Webhook("/ivr/hangup", call(Map.of("HangupCause", "NORMAL_CLEARING", "Duration", "42"))));

        write(out.resolve("welcome.lua"), single(token, publicUrl, contextPath, welcome, null));
        write(out.resolve("language-handler.lua"), single(token, publicUrl, contextPath, language, null));
        write(out.resolve("static.lua"), single(token, publicUrl, contextPath, welcome, staticPath));
        write(out.resolve("mix.lua"), mix(token, publicUrl, contextPath, wholeCall));
        Map<String, String> headers = headers(token, publicUrl, welcome);
        StringBuilder curl = new StringBuilder();
        headers.forEach((name, value) -> curl.append(name).append(": ").append(value).append('\n'));
        write(out.resolve("welcome.headers"), curl.toString());
        write(out.resolve("welcome.body"), formBody(welcome.form()));
    }

    /** The parameters Plivo sends to every call webhook, plus the step's own. */
    private static Map<String, String> call(Map<String, String> extra) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("CallUUID", "c0ffee00-1111-2222-3333-444455556666");
        form.put("From", "+14155550100");
        form.put("To", "+14155550123");
        form.put("Direction", "outbound");
        form.put("CallStatus", "in-progress");
        form.put("ALegRequestUUID", "feed0000-1111-2222-3333-444455556666");
        form.putAll(extra);
        return form;
    }

    private static Map<String, String> headers(String token, String publicUrl, Webhook webhook) {
        Map<String, List<String>> body = new LinkedHashMap<>();
        webhook.form().forEach((k, v) -> body.put(k, List.of(v)));
        String signature = PlivoSignatureV3.sign(token, "POST", publicUrl + webhook.pathAndQuery(), body, NONCE);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put(PlivoSignatureV3.SIGNATURE_HEADER, signature);
        headers.put(PlivoSignatureV3.NONCE_HEADER, NONCE);
        return headers;
    }

    private static String single(String token, String publicUrl, String contextPath, Webhook webhook,
            String pathOverride) {
        StringBuilder lua = new StringBuilder("-- generated by com.inspireworks.ivr.bench.SignedRequests\n")
                .append("wrk.method = \"POST\"\n")
                .append("wrk.path = ").append(quote(pathOverride != null ? pathOverride
                        : contextPath + webhook.pathAndQuery())).append('\n')
                .append("wrk.body = ").append(quote(formBody(webhook.form()))).append('\n');
        headers(token, publicUrl, webhook).forEach((name, value) -> lua.append("wrk.headers[").append(quote(name))
                .append("] = ").append(quote(value)).append('\n'));
        return lua.append(REPORT).toString();
    }

    private static String mix(String token, String publicUrl, String contextPath, List<Webhook> webhooks) {
        // wrk.format() takes the Host header from wrk.host, which is only set once init() runs.
        StringBuilder lua = new StringBuilder("-- generated by com.inspireworks.ivr.bench.SignedRequests\n")
                .append("local requests = {}\n")
                .append("init = function(args)\n");
        for (Webhook webhook : webhooks) {
            StringBuilder table = new StringBuilder("{");
            headers(token, publicUrl, webhook).forEach((name, value) -> table.append('[').append(quote(name))
                    .append("] = ").append(quote(value)).append(", "));
            table.append('}');
            lua.append("  table.insert(requests, wrk.format(\"POST\", ")
                    .append(quote(contextPath + webhook.pathAndQuery())).append(", ").append(table).append(", ")
                    .append(quote(formBody(webhook.form()))).append("))\n");
        }
        lua.append("end\n")
                .append("local n = 0\n")
                .append("request = function()\n")
                .append("  n = n + 1\n")
                .append("  return requests[(n % #requests) + 1]\n")
                .append("end\n");
        return lua.append(REPORT).toString();
    }

    /** One machine-readable line at the end of every run; bench/run.sh parses it. */
    private static final String REPORT = """
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("BENCH requests=%d duration_us=%d non2xx=%d connect=%d read=%d write=%d"
                .. " timeout=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.1f bytes=%d\\n",
                summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
                latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
                summary.bytes))
            end
            """;

    private static String formBody(Map<String, String> form) {
        List<String> pairs = new ArrayList<>();
        form.forEach((k, v) -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return String.join("&", pairs);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
