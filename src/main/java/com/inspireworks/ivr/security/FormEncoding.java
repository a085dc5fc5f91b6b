package com.inspireworks.ivr.security;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code application/x-www-form-urlencoded} text (a query string or a form body) strictly: {@code +} is a
 * space, every {@code %} must be followed by two hexadecimal digits, and the decoded bytes must be valid UTF-8.
 * Anything else is <em>malformed</em> and reported as such, never guessed at and never thrown: what the request
 * meant cannot be known, so it is answered as a bad request.
 *
 * <p>{@link java.net.URLDecoder} throws {@code IllegalArgumentException} on a bad escape and silently replaces
 * invalid UTF-8; a raw query like {@code %zz=1} reached it from the signature filter and became a 500.
 */
public final class FormEncoding {

    private FormEncoding() {
    }

    /**
     * The parameters in {@code encoded}, in order, repeated names kept in order; empty pairs ({@code a=1&&b=2})
     * are skipped, a name without {@code =} has the value {@code ""}. A pair without a name ({@code =x}) is
     * malformed, as Tomcat 11 also treats it.
     *
     * @return the parameters, or empty when the text is malformed
     */
    public static Optional<Map<String, List<String>>> parse(String encoded) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return Optional.of(parameters);
        }
        int start = 0;
        while (start <= encoded.length()) {
            int end = encoded.indexOf('&', start);
            if (end < 0) {
                end = encoded.length();
            }
            if (end > start) {
                String pair = encoded.substring(start, end);
                int eq = pair.indexOf('=');
                Optional<String> name = decode(eq < 0 ? pair : pair.substring(0, eq));
                Optional<String> value = eq < 0 ? Optional.of("") : decode(pair.substring(eq + 1));
                if (name.isEmpty() || name.get().isEmpty() || value.isEmpty()) {
                    return Optional.empty();
                }
                parameters.computeIfAbsent(name.get(), k -> new ArrayList<>()).add(value.get());
            }
            start = end + 1;
        }
        return Optional.of(parameters);
    }

    /** One encoded name or value, decoded; empty when it is malformed. */
    public static Optional<String> decode(String encoded) {
        if (encoded.indexOf('%') < 0 && encoded.indexOf('+') < 0) {
            return Optional.of(encoded);
        }
        StringBuilder out = new StringBuilder(encoded.length());
        byte[] pending = new byte[encoded.length() / 3 + 1];
        int i = 0;
        while (i < encoded.length()) {
            char c = encoded.charAt(i);
            if (c == '%') {
                // A run of escapes is one byte sequence: "%C3%B1" is one character.
                int count = 0;
                while (i < encoded.length() && encoded.charAt(i) == '%') {
                    if (i + 2 >= encoded.length()) {
                        return Optional.empty();
                    }
                    int high = Character.digit(encoded.charAt(i + 1), 16);
                    int low = Character.digit(encoded.charAt(i + 2), 16);
                    if (high < 0 || low < 0) {
                        return Optional.empty();
                    }
                    pending[count++] = (byte) ((high << 4) + low);
                    i += 3;
                }
                Optional<String> text = utf8(pending, count);
                if (text.isEmpty()) {
                    return Optional.empty();
                }
                out.append(text.get());
            } else {
                out.append(c == '+' ? ' ' : c);
                i++;
            }
        }
        return Optional.of(out.toString());
    }

    private static Optional<String> utf8(byte[] bytes, int length) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
