package com.inspireworks.ivr.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.config.Secret;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which requests count as Plivo's: signatures over the PUBLIC URL, with the account or the main account token. */
class WebhookVerifierTest {

    static final String TOKEN = "FakeTokenForTestsOnly0123456789abcdefXYZ";
    static final String MAIN_TOKEN = "FakeMainAccountTokenForTests0000000000";
    static final String NONCE = "nonce-0001";
    static final URI PUBLIC = URI.create("https://ivr.example.com/ivr");
    static final Map<String, List<String>> BODY = Map.of("Digits", List.of("1"), "CallUUID", List.of("abc"));

    static WebhookVerifier verifier(String token, String mainToken) {
        return new WebhookVerifier(Optional.ofNullable(token).map(Secret::new),
                Optional.ofNullable(mainToken).map(Secret::new), PUBLIC);
    }

    static String signed(String token, String url, Map<String, List<String>> body) {
        return PlivoSignatureV3.sign(token, "POST", url, body, NONCE);
    }

    @Test
    void thePublicUrlIsTheBaseUrlPlusThePathAndQueryInTheContext() {
        WebhookVerifier verifier = verifier(TOKEN, null);
        assertEquals("https://ivr.example.com/ivr/ivr/welcome", verifier.publicUrl("/ivr/welcome", null));
        assertEquals("https://ivr.example.com/ivr/ivr/welcome", verifier.publicUrl("/ivr/welcome", ""));
        assertEquals("https://ivr.example.com/ivr/ivr/menu-handler/en?attempt=2",
                verifier.publicUrl("/ivr/menu-handler/en", "attempt=2"));
        WebhookVerifier slash = new WebhookVerifier(Optional.of(new Secret(TOKEN)), Optional.empty(),
                URI.create("https://ivr.example.com/ivr/"));
        assertEquals("https://ivr.example.com/ivr/ivr/welcome", slash.publicUrl("/ivr/welcome", null),
                "a trailing slash on the base is not doubled");
    }

    @Test
    void aSignatureOverThePublicUrlPasses() {
        String signature = signed(TOKEN, "https://ivr.example.com/ivr/ivr/language-handler?attempt=1", BODY);
        assertTrue(verifier(TOKEN, null).isAuthentic("POST", "/ivr/language-handler", "attempt=1", BODY, signature,
                null, NONCE));
    }

    @Test
    void aSignatureOverTheAddressTheServerSeesBehindAProxyFails() {
        String internal = signed(TOKEN, "http://127.0.0.1:8080/ivr/ivr/language-handler", BODY);
        assertFalse(verifier(TOKEN, null).isAuthentic("POST", "/ivr/language-handler", null, BODY, internal, null,
                NONCE));
    }

    @Test
    void changedPathQueryBodyOrNonceFail() {
        String url = "https://ivr.example.com/ivr/ivr/language-handler?attempt=1";
        String signature = signed(TOKEN, url, BODY);
        WebhookVerifier verifier = verifier(TOKEN, null);
        assertFalse(verifier.isAuthentic("POST", "/ivr/main-menu/en", "attempt=1", BODY, signature, null, NONCE));
        assertFalse(verifier.isAuthentic("POST", "/ivr/language-handler", "attempt=2", BODY, signature, null, NONCE));
        assertFalse(verifier.isAuthentic("POST", "/ivr/language-handler", "attempt=1",
                Map.of("Digits", List.of("2"), "CallUUID", List.of("abc")), signature, null, NONCE));
        assertFalse(verifier.isAuthentic("POST", "/ivr/language-handler", "attempt=1", BODY, signature, null,
                "nonce-0002"));
        assertFalse(verifier.isAuthentic("GET", "/ivr/language-handler", "attempt=1", BODY, signature, null, NONCE));
        assertFalse(verifier.isAuthentic("POST", "/ivr/language-handler", "attempt=1", BODY, null, null, NONCE));
        assertFalse(verifier.isAuthentic("POST", "/ivr/language-handler", "attempt=1", BODY, signature, null, null));
    }

    @Test
    void theMainAccountTokenCountsOnlyInItsOwnHeader() {
        String url = "https://ivr.example.com/ivr/ivr/hangup";
        String byMain = signed(MAIN_TOKEN, url, BODY);
        WebhookVerifier both = verifier(TOKEN, MAIN_TOKEN);
        assertTrue(both.isAuthentic("POST", "/ivr/hangup", null, BODY, null, byMain, NONCE));
        assertFalse(both.isAuthentic("POST", "/ivr/hangup", null, BODY, byMain, null, NONCE),
                "main account signature in the account header");
        assertFalse(verifier(TOKEN, null).isAuthentic("POST", "/ivr/hangup", null, BODY, null, byMain, NONCE),
                "no main account token configured");
        assertTrue(verifier(null, MAIN_TOKEN).isAuthentic("POST", "/ivr/hangup", null, BODY, null, byMain, NONCE));
        assertFalse(verifier(null, MAIN_TOKEN).isAuthentic("POST", "/ivr/hangup", null, BODY,
                signed(TOKEN, url, BODY), null, NONCE), "no account token configured");
    }

    @Test
    void withoutTokensNothingIsAuthentic() {
        String signature = signed(TOKEN, "https://ivr.example.com/ivr/ivr/hangup", BODY);
        assertFalse(verifier(null, null).isAuthentic("POST", "/ivr/hangup", null, BODY, signature, signature,
                NONCE));
    }

    @Test
    void aMalformedQueryIsNotAuthenticAndThrowsNothing() {
        String signature = signed(TOKEN, "https://ivr.example.com/ivr/ivr/welcome", BODY);
        for (String query : List.of("%zz=1", "a=%", "a=%c3%28")) {
            assertFalse(verifier(TOKEN, MAIN_TOKEN).isAuthentic("POST", "/ivr/welcome", query, BODY, signature,
                    signature, NONCE), query);
        }
    }
}
