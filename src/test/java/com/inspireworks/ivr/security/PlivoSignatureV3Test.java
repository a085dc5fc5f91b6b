package com.inspireworks.ivr.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fixed vectors computed independently of this code: by hand from Plivo's published V3 algorithm with Python's hmac
 * module (HMAC-SHA256 over the UTF-8 string to sign, Base64), e.g.
 * {@code base64(hmac(T, "https://ivr.example.com/ivr/ivr/language-handler?CallUUIDabcDigits1From+14155550100."
 * + N))}.
 */
class PlivoSignatureV3Test {

    static final String TOKEN = "FakeTokenForTestsOnly0123456789abcdefXYZ";
    static final String NONCE = "12345678901234567890";

    private static Map<String, List<String>> params(String... keyValues) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.computeIfAbsent(keyValues[i], k -> new java.util.ArrayList<>()).add(keyValues[i + 1]);
        }
        return map;
    }

    @Test
    void postWithParametersAndNoQuery() {
        assertEquals("nozMYZOkXuRb2JYqSG1sCHOaWv81/gChXdmAWesm3J8=", PlivoSignatureV3.sign(TOKEN, "POST",
                "https://ivr.example.com/ivr/ivr/language-handler",
                params("Digits", "1", "From", "+14155550100", "CallUUID", "abc"), NONCE));
    }

    @Test
    void postWithParametersQueryAndExplicitPort() {
        assertEquals("nUr4wSC7fUXTqq112lJYLlmSCU5d7XhSCCK2xuGDdcU=", PlivoSignatureV3.sign(TOKEN, "POST",
                "http://127.0.0.1:8443/ivr/ivr/menu-handler/es?attempt=2",
                params("To", "+14155550123", "Digits", "2"), NONCE));
    }

    @Test
    void postWithoutParametersOrQueryHasNoQuestionMark() {
        assertEquals("zEO3x9mZTbtPYA/EZ+UVMfiVaV+lDuoxIlRogzbnRrM=", PlivoSignatureV3.sign(TOKEN, "POST",
                "https://ivr.example.com:8443/ivr/ivr/welcome", Map.of(), NONCE));
    }

    @Test
    void postWithQueryButNoParameters() {
        assertEquals("3OctQdT6cTmQy7DRELKHYHnN8HmBtJt15CGsaaNPyDA=", PlivoSignatureV3.sign(TOKEN, "POST",
                "https://ivr.example.com/ivr/ivr/welcome?attempt=1", Map.of(), NONCE));
    }

    @Test
    void getSortsAndDecodesTheQuery() {
        assertEquals("byitRaUr/RNrQzprHXrJ/tU+iuocyh9UR+w7onnnxQM=", PlivoSignatureV3.sign(TOKEN, "GET",
                "https://ivr.example.com/ivr/ivr/main-menu/en?b=x+y&attempt=1&a=2", Map.of(), NONCE));
    }

    @Test
    void getWithoutQuery() {
        assertEquals("SIcAH7212odJOuI4KH3gqsoibg8XX+CFlpjvuTvntHY=", PlivoSignatureV3.sign(TOKEN, "GET",
                "https://ivr.example.com/ivr/ivr/welcome", Map.of(), NONCE));
    }

    @Test
    void aUrlWithoutPathIsSignedWithTheRootPath() {
        assertEquals("DZvJmosBqhKEaZy7SttP8tt5c0e5nVu645t/a9KhwiU=", PlivoSignatureV3.sign(TOKEN, "GET",
                "https://ivr.example.com", Map.of(), NONCE));
        assertEquals("sdHo93+MBBH1a2gbw0/kIVyAW9WwBoVz5ySde6CgxoY=", PlivoSignatureV3.sign(TOKEN, "GET",
                "http://127.0.0.1:8080?a=1", Map.of(), NONCE));
    }

    @Test
    void aPreparedKeySignsLikeTheTokenItself() {
        PlivoSignatureV3.Key key = new PlivoSignatureV3.Key(TOKEN);
        assertEquals("nozMYZOkXuRb2JYqSG1sCHOaWv81/gChXdmAWesm3J8=", PlivoSignatureV3.sign(key, "POST",
                "https://ivr.example.com/ivr/ivr/language-handler",
                params("Digits", "1", "From", "+14155550100", "CallUUID", "abc"), NONCE));
        assertFalse(key.toString().contains(TOKEN));
    }

    @Test
    void unicodeValuesAreSignedAsUtf8() {
        assertEquals("1CqiHZqRt/yJ/hxqdpb4gUOguaZjqyKfvYwDHzoEE0Q=", PlivoSignatureV3.sign(TOKEN, "POST",
                "https://ivr.example.com/ivr/ivr/hangup",
                params("HangupCause", "NORMAL_CLEARING", "CallerName", "José Núñez"), NONCE));
    }

    @Test
    void repeatedKeysAreSortedByValueAndKeysByCodePoint() {
        assertEquals("x/DX/J2JsXEmjdSMAImQGooht/aXgSEG8szwWZNc+ZQ=", PlivoSignatureV3.sign(TOKEN, "POST",
                "https://ivr.example.com/ivr/x", params("a", "1", "B", "v2", "B", "v1", "A", "a"), NONCE));
    }

    @Test
    void verifyAcceptsAnyOfSeveralSignaturesAndNothingElse() {
        String url = "https://ivr.example.com/ivr/ivr/language-handler";
        Map<String, List<String>> body = params("Digits", "1", "From", "+14155550100", "CallUUID", "abc");
        String good = "nozMYZOkXuRb2JYqSG1sCHOaWv81/gChXdmAWesm3J8=";
        assertTrue(PlivoSignatureV3.verify(TOKEN, "POST", url, body, NONCE, good));
        assertTrue(PlivoSignatureV3.verify(TOKEN, "POST", url, body, NONCE, "c29tZXRoaW5nIGVsc2U=, " + good));
        assertFalse(PlivoSignatureV3.verify(TOKEN, "POST", url, body, NONCE, "c29tZXRoaW5nIGVsc2U="));
        assertFalse(PlivoSignatureV3.verify(TOKEN, "POST", url, body, "other-nonce", good));
        assertFalse(PlivoSignatureV3.verify(TOKEN, "POST", url, params("Digits", "2", "From", "+14155550100",
                "CallUUID", "abc"), NONCE, good), "tampered digit");
        assertFalse(PlivoSignatureV3.verify(TOKEN, "POST", url + "?attempt=1", body, NONCE, good), "tampered query");
        assertFalse(PlivoSignatureV3.verify("AnotherFakeToken", "POST", url, body, NONCE, good));
        assertFalse(PlivoSignatureV3.verify(TOKEN, "POST", url, body, NONCE, null));
        assertFalse(PlivoSignatureV3.verify(TOKEN, "POST", url, body, NONCE, ""));
        assertFalse(PlivoSignatureV3.verify(TOKEN, "POST", url, body, null, good));
    }

    @Test
    void aMalformedQueryIsNeverAuthenticAndCannotBeSigned() {
        String good = PlivoSignatureV3.sign(TOKEN, "POST", "https://ivr.example.com/ivr/ivr/welcome", Map.of(), NONCE);
        for (String query : List.of("%zz=1", "a=%zz", "%=1", "a=%c3%28")) {
            String url = "https://ivr.example.com/ivr/ivr/welcome?" + query;
            assertFalse(PlivoSignatureV3.verify(TOKEN, "POST", url, Map.of(), NONCE, good), query);
            assertFalse(PlivoSignatureV3.verify(TOKEN, "GET", url, Map.of(), NONCE, good), query);
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> PlivoSignatureV3.sign(TOKEN, "POST", url, Map.of(), NONCE), query);
        }
    }

    @Test
    void escapedQueryCharactersAreSignedDecoded() {
        String plain = PlivoSignatureV3.sign(TOKEN, "GET", "https://ivr.example.com/x?a=b c", Map.of(), NONCE);
        assertEquals(plain, PlivoSignatureV3.sign(TOKEN, "GET", "https://ivr.example.com/x?a=b+c", Map.of(), NONCE));
        assertEquals(plain, PlivoSignatureV3.sign(TOKEN, "GET", "https://ivr.example.com/x?a=b%20c", Map.of(), NONCE));
        assertEquals(plain, PlivoSignatureV3.sign(TOKEN, "GET", "https://ivr.example.com/x?%61=b%20c", Map.of(),
                NONCE));
    }
}
