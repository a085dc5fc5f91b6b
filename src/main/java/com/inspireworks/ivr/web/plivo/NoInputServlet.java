package com.inspireworks.ivr.web.plivo;

import com.inspireworks.ivr.flow.Language;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code /ivr/no-input} (level 1) and {@code /ivr/no-input/{lang}} (level 2): where a menu's Redirect leads when
 * the caller pressed nothing, twice. Goodbye and Hangup. POST (and GET, which Redirect also allows).
 */
public final class NoInputServlet extends PlivoWebhookServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        Optional<Language> language = Optional.empty();
        if (path != null && !path.equals("/")) {
            language = languageOr404(request, response);
            if (language.isEmpty()) {
                return;
            }
        }
        send(response, ivr.noInput(call(request), language));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doPost(request, response);
    }
}
