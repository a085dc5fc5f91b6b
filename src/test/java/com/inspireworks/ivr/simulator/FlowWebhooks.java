package com.inspireworks.ivr.simulator;

import com.inspireworks.ivr.flow.Attempt;
import com.inspireworks.ivr.flow.CallFlow;
import com.inspireworks.ivr.flow.DialOutcome;
import com.inspireworks.ivr.flow.IvrUrls;
import com.inspireworks.ivr.flow.Language;
import com.inspireworks.ivr.flow.PlivoDocument;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers the simulator with the IVR's real documents, routed the way the servlets route them, without a server:
 * the engine and the call flow together in a plain unit test.
 */
final class FlowWebhooks implements Webhooks {

    private final CallFlow flow;
    private final String base;
    private final List<ScriptedWebhooks.Request> requests = new ArrayList<>();

    FlowWebhooks(CallFlow flow, IvrUrls urls) {
        this.flow = flow;
        this.base = urls.base();
    }

    @Override
    public synchronized WebhookResponse send(String method, String url, Map<String, String> parameters) {
        requests.add(new ScriptedWebhooks.Request(method, url, Map.copyOf(parameters)));
        if (!url.startsWith(base + "/ivr/")) {
            return notFound();
        }
        URI uri = URI.create(url);
        Map<String, String> all = new HashMap<>(parameters);
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                all.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        String path = url.substring(base.length()).replaceFirst("\\?.*", "");
        Attempt attempt = Attempt.parse(all.get(Attempt.PARAMETER));
        String[] segments = path.split("/");
        Language language = segments.length > 3 ? Language.fromCode(segments[3]).orElse(null) : null;
        PlivoDocument document;
        if (path.equals(IvrUrls.WELCOME)) {
            document = flow.welcome(attempt);
        } else if (path.equals(IvrUrls.LANGUAGE_HANDLER)) {
            document = flow.languageChosen(all.get("Digits"), attempt);
        } else if (path.equals(IvrUrls.HANGUP)) {
            document = flow.acknowledgement();
        } else if (path.equals(IvrUrls.NO_INPUT)) {
            document = flow.noInput(Optional.empty());
        } else if (language != null && path.startsWith(IvrUrls.NO_INPUT + "/")) {
            document = flow.noInput(Optional.of(language));
        } else if (language != null && path.startsWith(IvrUrls.MAIN_MENU)) {
            document = flow.mainMenu(language, attempt);
        } else if (language != null && path.startsWith(IvrUrls.MENU_HANDLER)) {
            document = flow.menuChosen(language, all.get("Digits"), attempt);
        } else if (language != null && path.startsWith(IvrUrls.DIAL_STATUS)) {
            document = flow.dialEnded(language, DialOutcome.fromDialStatus(all.get("DialStatus")), attempt);
        } else {
            return notFound();
        }
        return new WebhookResponse(200, document.text().getBytes(StandardCharsets.UTF_8));
    }

    synchronized List<ScriptedWebhooks.Request> requests() {
        return List.copyOf(requests);
    }

    private static WebhookResponse notFound() {
        return new WebhookResponse(404, "Not Found".getBytes(StandardCharsets.UTF_8));
    }
}
