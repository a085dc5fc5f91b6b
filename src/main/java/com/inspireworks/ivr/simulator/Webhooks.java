package com.inspireworks.ivr.simulator;

import java.util.Map;

/**
 * How the simulator reaches the application, in Plivo's place: one request to a URL with form parameters. The real
 * implementation is {@link HttpWebhooks}; unit tests answer with documents of their own.
 */
public interface Webhooks {

    /**
     * Sends the parameters the way Plivo does: POST as a form body, GET in the query string.
     *
     * @param method "GET" or "POST"
     * @throws WebhookException when no answer could be had (connection refused, timeout, answer too large)
     */
    WebhookResponse send(String method, String url, Map<String, String> parameters) throws WebhookException;

    /** Releases connections and threads (on undeploy). */
    default void close() {
    }

    /** What the application answered. */
    record WebhookResponse(int status, byte[] body) {
        public WebhookResponse {
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** No usable answer; the message says why in words for the person testing the menu. */
    final class WebhookException extends Exception {

        private static final long serialVersionUID = 1L;

        public WebhookException(String message) {
            super(message);
        }

        public WebhookException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
