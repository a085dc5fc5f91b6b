package com.inspireworks.ivr.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Plivo's webhook signature, version 3 ({@code X-Plivo-Signature-V3} with {@code X-Plivo-Signature-V3-Nonce}).
 *
 * <p>Written from Plivo's published algorithm because plivo-java's {@code Utils.validateSignatureV3} is wrong for
 * URLs with an explicit port and for POSTs without parameters, throws on a GET without query and compares the
 * method with {@code ==}. The string that is signed:
 * <ol>
 * <li>{@code scheme://host[:port]/path} of the URL Plivo called;</li>
 * <li>GET: {@code ?} and every query parameter sorted by key then value as {@code k=v} joined with {@code &}, when
 * there is any;</li>
 * <li>POST: {@code ?} and the sorted query as for GET when there is a query or a body; then {@code .} when there
 * are both; then every body parameter sorted by key then value as {@code key+value};</li>
 * <li>{@code .} and the nonce.</li>
 * </ol>
 * The signature is the Base64 HMAC-SHA256 of that string (UTF-8) keyed with the auth token. The header may carry
 * several comma-separated signatures; one match is enough. Comparison is constant-time.
 */
public final class PlivoSignatureV3 {

    public static final String SIGNATURE_HEADER = "X-Plivo-Signature-V3";
    public static final String MAIN_ACCOUNT_SIGNATURE_HEADER = "X-Plivo-Signature-Ma-V3";
    public static final String NONCE_HEADER = "X-Plivo-Signature-V3-Nonce";

    private PlivoSignatureV3() {
    }

    /**
     * The signature Plivo would send.
     *
     * @param method "GET" or "POST"
     * @param url the full URL Plivo called, query included
     * @param bodyParameters form parameters of a POST body (ignored for GET)
     * @throws IllegalArgumentException when the URL's query is not well-formed (see {@link FormEncoding})
     */
    public static String sign(String authToken, String method, String url, Map<String, List<String>> bodyParameters,
            String nonce) {
        return sign(new Key(authToken), method, url, bodyParameters, nonce);
    }

    /** As {@link #sign(String, String, String, Map, String)}, with a key prepared once. */
    public static String sign(Key key, String method, String url, Map<String, List<String>> bodyParameters,
            String nonce) {
        String base = stringToSign(method, url, bodyParameters).orElseThrow(() -> new IllegalArgumentException(
                "The query of the URL to sign is not well-formed form encoding"));
        return sign(key, base, nonce);
    }

    private static String sign(Key key, String stringToSign, String nonce) {
        byte[] data = (stringToSign + "." + nonce).getBytes(StandardCharsets.UTF_8);
        return Base64.getEncoder().encodeToString(key.mac().doFinal(data));
    }

    /**
     * Whether any of the comma-separated signatures in {@code header} is right. False, never an exception, for a
     * URL whose query is not well-formed: Plivo signs only URLs we gave it, and we never give it such a one.
     */
    public static boolean verify(String authToken, String method, String url, Map<String, List<String>> bodyParameters,
            String nonce, String header) {
        return authToken != null && verify(new Key(authToken), method, url, bodyParameters, nonce, header);
    }

    /** As {@link #verify(String, String, String, Map, String, String)}, with a key prepared once. */
    public static boolean verify(Key key, String method, String url, Map<String, List<String>> bodyParameters,
            String nonce, String header) {
        if (header == null || header.isEmpty() || nonce == null) {
            return false;
        }
        Optional<String> base = stringToSign(method, url, bodyParameters);
        if (base.isEmpty()) {
            return false;
        }
        byte[] expected = sign(key, base.get(), nonce).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String candidate : header.split(",")) {
            matched |= MessageDigest.isEqual(expected, candidate.strip().getBytes(StandardCharsets.US_ASCII));
        }
        return matched;
    }

    /** An auth token made ready for signing: the keyed HMAC is set up once and copied for each use. */
    public static final class Key {
        private final Mac prototype;

        public Key(String authToken) {
            try {
                prototype = Mac.getInstance("HmacSHA256");
                prototype.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        }

        /** A fresh, keyed HMAC (Mac objects are not thread-safe; copies of the prototype are cheap). */
        Mac mac() {
            try {
                return (Mac) prototype.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("HmacSHA256 cannot be copied", e);
            }
        }

        @Override
        public String toString() {
            return "PlivoSignatureV3.Key(********)";
        }
    }

    /** The string Plivo signs for this request; empty when the URL's query is malformed. */
    static Optional<String> stringToSign(String method, String url, Map<String, List<String>> bodyParameters) {
        // scheme://authority/path and the raw query, split by hand: URI parsing was a measurable share of a webhook.
        int question = url.indexOf('?');
        String path = question < 0 ? url : url.substring(0, question);
        StringBuilder base = new StringBuilder(url.length() + 64).append(path);
        int authority = path.indexOf("://");
        if (authority < 0 || path.indexOf('/', authority + 3) < 0) {
            base.append('/');
        }
        Optional<String> sortedQuery = sortedQuery(question < 0 ? null : url.substring(question + 1));
        if (sortedQuery.isEmpty()) {
            return Optional.empty();
        }
        String query = sortedQuery.get();
        if ("POST".equalsIgnoreCase(method)) {
            boolean hasBody = bodyParameters != null && bodyParameters.values().stream().anyMatch(v -> !v.isEmpty());
            if (!query.isEmpty() || hasBody) {
                base.append('?').append(query);
            }
            if (!query.isEmpty() && hasBody) {
                base.append('.');
            }
            if (hasBody) {
                sorted(bodyParameters).forEach((key, values) -> values.forEach(v -> base.append(key).append(v)));
            }
        } else if (!query.isEmpty()) {
            base.append('?').append(query);
        }
        return Optional.of(base.toString());
    }

    /** The decoded query as {@code k=v} pairs sorted by key then value; empty when the query is malformed. */
    private static Optional<String> sortedQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.of("");
        }
        Optional<Map<String, List<String>>> parameters = FormEncoding.parse(rawQuery);
        if (parameters.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        sorted(parameters.get()).forEach((key, values) -> values.forEach(v -> {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(key).append('=').append(v);
        }));
        return Optional.of(out.toString());
    }

    private static Map<String, List<String>> sorted(Map<String, List<String>> parameters) {
        Map<String, List<String>> sorted = new TreeMap<>();
        parameters.forEach((key, values) -> {
            List<String> copy = new ArrayList<>(values);
            copy.sort(null);
            sorted.put(key, copy);
        });
        return sorted;
    }
}
