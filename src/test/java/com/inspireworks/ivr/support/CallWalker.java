package com.inspireworks.ivr.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.security.PlivoSignatureV3;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * Walks a call through the running IVR the way Plivo does: fetch the answer URL, post a key to the GetDigits action,
 * follow Redirects, post the Dial outcome to the Dial action. URLs in the documents are public URLs; they are mapped
 * to the local server, which proves they point at real endpoints.
 */
public final class CallWalker {

    private final Http http;
    private final String publicBase;
    private final String localBase;
    private Map<String, String> callParameters = Map.of("CallUUID", "11111111-2222-3333-4444-555555555555",
            "From", "+14155550100", "To", "+14155550123", "Direction", "outbound", "CallStatus", "in-progress");
    private final String authToken;
    private PlivoXmlDoc current;

    /** A walker that sends no signatures (for an app without auth token). */
    public CallWalker(Http http, String publicBase, String localBase) {
        this(http, publicBase, localBase, null);
    }

    /** A walker that signs every request with X-Plivo-Signature-V3, as Plivo does. */
    public CallWalker(Http http, String publicBase, String localBase, String authToken) {
        this.http = http;
        this.publicBase = publicBase;
        this.localBase = localBase;
        this.authToken = authToken;
    }

    /** The headers Plivo would send with a POST of these parameters to this public URL. */
    public static Map<String, String> signatureHeaders(String authToken, String publicUrl,
            Map<String, String> parameters) {
        String nonce = java.util.UUID.randomUUID().toString().replace("-", "");
        Map<String, java.util.List<String>> body = new java.util.HashMap<>();
        parameters.forEach((k, v) -> body.put(k, java.util.List.of(v)));
        return Map.of(PlivoSignatureV3.SIGNATURE_HEADER, PlivoSignatureV3.sign(authToken, "POST", publicUrl, body,
                nonce), PlivoSignatureV3.NONCE_HEADER, nonce);
    }

    /** Plivo fetches the answer URL. */
    public PlivoXmlDoc answer() {
        return current = fetch(publicBase + "/ivr/welcome", Map.of());
    }

    /**
     * Walks one call that the app placed: Plivo sends this CallUUID and the create-call's request id
     * ({@code ALegRequestUUID}) with every webhook, as it does on a real call.
     */
    public CallWalker placed(String callUuid, String requestUuid) {
        Map<String, String> parameters = new java.util.HashMap<>(callParameters);
        parameters.put("CallUUID", callUuid);
        parameters.put("ALegRequestUUID", requestUuid);
        callParameters = Map.copyOf(parameters);
        return this;
    }

    /** Plivo fetches the answer URL the app gave in its create-call request (with our call id). */
    public PlivoXmlDoc answer(String answerUrl) {
        return current = fetch(answerUrl, callParameters);
    }

    /** Plivo reports the end of the call at the hangup URL; returns the HTTP status the app answered. */
    public int hangup(String hangupUrl, Map<String, String> report) {
        Map<String, String> parameters = new java.util.HashMap<>(callParameters);
        parameters.putAll(report);
        assertTrue(hangupUrl.startsWith(publicBase + "/"), "not under the public URL: " + hangupUrl);
        String local = localBase + hangupUrl.substring(publicBase.length());
        return http.postForm(local, parameters, authToken == null ? Map.of()
                : signatureHeaders(authToken, hangupUrl, parameters)).statusCode();
    }

    /** The caller presses a key during the current menu. */
    public PlivoXmlDoc press(String digits) {
        Element menu = current.first("GetDigits");
        Map<String, String> parameters = new java.util.HashMap<>(callParameters);
        parameters.put("Digits", digits);
        current = fetch(menu.getAttribute("action"), parameters);
        return followRedirects();
    }

    /** The Dial to the associate ends with the given DialStatus. */
    public PlivoXmlDoc dialEnds(String dialStatus) {
        Element dial = current.first("Dial");
        Map<String, String> parameters = new java.util.HashMap<>(callParameters);
        parameters.put("DialStatus", dialStatus);
        current = fetch(dial.getAttribute("action"), parameters);
        return followRedirects();
    }

    /**
     * What Plivo does when the caller stays silent: it goes on with the elements after the GetDigits, following a
     * Redirect there. Returns what the caller then hears and what ends the call.
     */
    public List<Element> silence() {
        List<Element> elements = current.elements();
        int menu = current.tags().indexOf("GetDigits");
        assertTrue(menu >= 0, "no menu to be silent at: " + current.tags());
        List<Element> after = elements.subList(menu + 1, elements.size());
        if (!after.isEmpty() && after.get(0).getTagName().equals("Redirect")) {
            current = fetch(after.get(0).getTextContent(), callParameters);
            followRedirects();
            return current.elements();
        }
        return after;
    }

    public PlivoXmlDoc current() {
        return current;
    }

    /** Follows a Redirect that Plivo reaches without waiting for the caller (none behind a GetDigits or Dial). */
    private PlivoXmlDoc followRedirects() {
        for (int hops = 0; reachedRedirect().isPresent(); hops++) {
            assertTrue(hops < 5, "redirect loop");
            current = fetch(reachedRedirect().get().getTextContent(), callParameters);
        }
        return current;
    }

    private java.util.Optional<Element> reachedRedirect() {
        for (Element element : current.elements()) {
            switch (element.getTagName()) {
                case "Redirect" -> {
                    return java.util.Optional.of(element);
                }
                case "GetDigits", "Dial", "Hangup" -> {
                    return java.util.Optional.empty();
                }
                default -> { }
            }
        }
        return java.util.Optional.empty();
    }

    private PlivoXmlDoc fetch(String publicUrl, Map<String, String> parameters) {
        assertTrue(publicUrl.startsWith(publicBase + "/"), "not under the public URL: " + publicUrl);
        String local = localBase + publicUrl.substring(publicBase.length());
        HttpResponse<String> response = http.postForm(local, parameters,
                authToken == null ? Map.of() : signatureHeaders(authToken, publicUrl, parameters));
        assertEquals(200, response.statusCode(), () -> local + " -> " + response.body());
        assertEquals("application/xml;charset=UTF-8", response.headers().firstValue("Content-Type").orElse("")
                .replace(" ", ""));
        return PlivoXmlDoc.parse(response.body());
    }
}
