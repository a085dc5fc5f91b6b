package com.inspireworks.ivr.web.plivo;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /ivr/language-handler}: the GetDigits action of the language menu. POST. */
public final class LanguageHandlerServlet extends PlivoWebhookServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        send(response, ivr.languageChosen(call(request), request.getParameter("Digits"), attempt(request)));
    }
}
