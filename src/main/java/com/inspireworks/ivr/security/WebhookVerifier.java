package com.inspireworks.ivr.security;

import com.inspireworks.ivr.config.Secret;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a webhook request really comes from Plivo: its V3 signature must match the PUBLIC URL Plivo
 * called (the configured public base URL + the path below the context + the query) and the form parameters, keyed
 * with the account's auth token ({@code X-Plivo-Signature-V3}) or, where configured, the main account's token
 * ({@code X-Plivo-Signature-Ma-V3}). Signing over the public URL, never what the server sees behind a proxy, keeps
 * verification right behind TLS terminators and path-rewriting proxies.
 */
public final class WebhookVerifier {

    private final Optional<PlivoSignatureV3.Key> authToken;
    private final Optional<PlivoSignatureV3.Key> mainAccountToken;
    private final String publicBase;

    public WebhookVerifier(Optional<Secret> authToken, Optional<Secret> mainAccountToken, URI publicBase) {
        this.authToken = authToken.map(token -> new PlivoSignatureV3.Key(token.reveal()));
        this.mainAccountToken = mainAccountToken.map(token -> new PlivoSignatureV3.Key(token.reveal()));
        String base = publicBase.toString();
        this.publicBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * @param method HTTP method
     * @param pathInContext request path below the context path, e.g. {@code /ivr/welcome}
     * @param rawQuery query string as received, or null
     * @param bodyParameters form parameters from the request body (not the query)
     * @param signatures value of {@code X-Plivo-Signature-V3}, or null
     * @param mainAccountSignatures value of {@code X-Plivo-Signature-Ma-V3}, or null
     * @param nonce value of {@code X-Plivo-Signature-V3-Nonce}, or null
     */
    public boolean isAuthentic(String method, String pathInContext, String rawQuery,
            Map<String, List<String>> bodyParameters, String signatures, String mainAccountSignatures, String nonce) {
        String url = publicUrl(pathInContext, rawQuery);
        boolean account = authToken.isPresent() && PlivoSignatureV3.verify(authToken.get(), method, url,
                bodyParameters, nonce, signatures);
        boolean mainAccount = mainAccountToken.isPresent() && PlivoSignatureV3.verify(mainAccountToken.get(),
                method, url, bodyParameters, nonce, mainAccountSignatures);
        return account || mainAccount;
    }

    /** The URL Plivo called for a request with this path and query. */
    public String publicUrl(String pathInContext, String rawQuery) {
        return publicBase + pathInContext + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
    }
}
