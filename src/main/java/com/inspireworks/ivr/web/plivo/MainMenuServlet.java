package com.inspireworks.ivr.web.plivo;

import com.inspireworks.ivr.flow.Language;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/** {@code /ivr/main-menu/{lang}}: the level-2 menu in the chosen language. GET and POST. */
public final class MainMenuServlet extends PlivoWebhookServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Language> language = languageOr404(request, response);
        if (language.isPresent()) {
            send(response, ivr.mainMenu(call(request), language.get(), attempt(request)));
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doGet(request, response);
    }
}
