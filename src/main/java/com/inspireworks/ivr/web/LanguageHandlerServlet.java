package com.inspireworks.ivr.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /ivr/language-handler}: the GetDigits action of the language menu. POST. */
public final class LanguageHandlerServlet extends PlivoWebhookServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        send(response, flow.languageChosen(request.getParameter("Digits"), attempt(request)));
    }
}
