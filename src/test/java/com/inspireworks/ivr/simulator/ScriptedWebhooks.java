package com.inspireworks.ivr.simulator;

import com.inspireworks.ivr.calls.CallRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link Webhooks} that answers from a script of URL → answer and records every request, for unit tests. */
final class ScriptedWebhooks implements Webhooks {

    static final String ANSWER_URL = "https://ivr.example.com/ivr/welcome";
    static final String HANGUP_URL = "https://ivr.example.com/ivr/hangup";

    /**
     * A create-call request for {@code to} (E.164) with this script's answer and hangup URLs and a one-hour time
     * limit, placed by {@link TestPhone#OPERATOR}, as OutboundCaller makes it.
     */
    static CallRequest request(String to) {
        return new CallRequest(java.util.UUID.randomUUID().toString(), "+14155550100", to, ANSWER_URL, HANGUP_URL,
                Duration.ofHours(1), TestPhone.OPERATOR);
    }

    /** One request as the simulator sent it. */
    record Request(String method, String url, Map<String, String> parameters) {
    }

    private final Map<String, Object> answers = new HashMap<>();
    private final List<Request> requests = new ArrayList<>();

    ScriptedWebhooks() {
        xml(HANGUP_URL, "<Response/>");
    }

    /** {@code url} answers 200 with this document. */
    ScriptedWebhooks xml(String url, String document) {
        answers.put(url, new WebhookResponse(200, document.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    ScriptedWebhooks status(String url, int status, String body) {
        answers.put(url, new WebhookResponse(status, body.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** {@code url} cannot be reached. */
    ScriptedWebhooks unreachable(String url, String message) {
        answers.put(url, new WebhookException(message));
        return this;
    }

    @Override
    public synchronized WebhookResponse send(String method, String url, Map<String, String> parameters)
            throws WebhookException {
        requests.add(new Request(method, url, new LinkedHashMap<>(parameters)));
        Object answer = answers.get(url);
        if (answer instanceof WebhookException e) {
            throw e;
        }
        if (answer == null) {
            return new WebhookResponse(404, "<html><body>Not Found</body></html>".getBytes(StandardCharsets.UTF_8));
        }
        return (WebhookResponse) answer;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized List<Request> requestsTo(String url) {
        return requests.stream().filter(r -> r.url().equals(url)).toList();
    }
}
