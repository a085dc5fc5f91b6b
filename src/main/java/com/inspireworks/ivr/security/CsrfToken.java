package com.inspireworks.ivr.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The anti-forgery token of an operator's session: random, unguessable, compared in constant time. A cross-site
 * form can make the browser send the session cookie but cannot read the page to learn the token.
 */
public final class CsrfToken {

    public static final String FIELD = "csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfToken() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static boolean matches(String expected, String presented) {
        if (expected == null || presented == null || presented.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
