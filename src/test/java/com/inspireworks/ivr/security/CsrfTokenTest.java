package com.inspireworks.ivr.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CsrfTokenTest {

    @Test
    void tokensAre256RandomBitsInUrlSafeBase64() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = CsrfToken.generate();
            assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
            seen.add(token);
        }
        assertEquals(1000, seen.size(), "no repeats");
    }

    @Test
    void onlyTheSameTokenMatches() {
        String token = CsrfToken.generate();
        assertTrue(CsrfToken.matches(token, new String(token)));
        assertFalse(CsrfToken.matches(token, CsrfToken.generate()));
        assertFalse(CsrfToken.matches(token, token.substring(0, 42)), "a prefix");
        assertFalse(CsrfToken.matches(token, token + "A"), "longer");
        assertFalse(CsrfToken.matches(token, token.toUpperCase()), "case matters");
        assertFalse(CsrfToken.matches(token, " " + token));
    }

    @Test
    void nothingMatchesAMissingToken() {
        String token = CsrfToken.generate();
        assertFalse(CsrfToken.matches(null, token), "no token in the session");
        assertFalse(CsrfToken.matches(token, null), "none presented");
        assertFalse(CsrfToken.matches(token, ""));
        assertFalse(CsrfToken.matches(null, null));
        assertFalse(CsrfToken.matches("", ""), "an empty session token never matches");
    }
}
