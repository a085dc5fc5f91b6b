package com.inspireworks.ivr.web.plivo;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /ivr/welcome}: the answer URL of every call, the level-1 language menu. GET and POST. */
public final class WelcomeServlet extends PlivoWebhookServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        send(response, ivr.welcome(call(request), attempt(request)));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doGet(request, response);
    }
}
