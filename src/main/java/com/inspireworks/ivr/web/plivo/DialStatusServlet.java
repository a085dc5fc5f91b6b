package com.inspireworks.ivr.web.plivo;

import com.inspireworks.ivr.flow.Language;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/** {@code /ivr/dial-status/{lang}}: the action of the Dial to the associate, with {@code DialStatus}. POST. */
public final class DialStatusServlet extends PlivoWebhookServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Language> language = languageOr404(request, response);
        if (language.isPresent()) {
            send(response, ivr.dialEnded(call(request), language.get(), request.getParameter("DialStatus"),
                    attempt(request)));
        }
    }
}
