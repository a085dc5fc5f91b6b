package com.inspireworks.ivr.web.plivo;

import com.inspireworks.ivr.flow.Language;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/** {@code /ivr/menu-handler/{lang}}: the GetDigits action of the level-2 menu. POST. */
public final class MenuHandlerServlet extends PlivoWebhookServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Language> language = languageOr404(request, response);
        if (language.isPresent()) {
            send(response, ivr.menuChosen(call(request), language.get(), request.getParameter("Digits"),
                    attempt(request)));
        }
    }
}
