package com.inspireworks.ivr.web.plivo;

import com.inspireworks.ivr.app.IvrComponents;
import com.inspireworks.ivr.flow.Attempt;
import com.inspireworks.ivr.flow.IvrWebhooks;
import com.inspireworks.ivr.flow.Language;
import com.inspireworks.ivr.flow.PlivoDocument;
import com.inspireworks.ivr.journal.PlivoCallParameters;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * What every endpoint Plivo calls has in common: it reads request parameters, asks {@link IvrWebhooks} for a
 * document and writes it. Subclasses implement only the HTTP methods they accept; the others answer 405.
 */
abstract class PlivoWebhookServlet extends HttpServlet {

    static final String XML = "application/xml;charset=UTF-8";

    protected transient IvrWebhooks ivr;

    @Override
    public void init() throws ServletException {
        ivr = IvrComponents.of(getServletContext()).webhooks();
    }

    static void send(HttpServletResponse response, PlivoDocument document) throws IOException {
        response.setContentType(XML);
        response.setContentLength(document.length());
        response.setHeader("Cache-Control", "no-store");
        document.writeTo(response.getOutputStream());
    }

    static Attempt attempt(HttpServletRequest request) {
        return Attempt.parse(request.getParameter(Attempt.PARAMETER));
    }

    static PlivoCallParameters call(HttpServletRequest request) {
        return PlivoParameters.of(request);
    }

    /** The language named by the path after the servlet mapping ({@code /en}); empty for anything else. */
    static Optional<Language> language(HttpServletRequest request) {
        String path = request.getPathInfo();
        if (path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            return Optional.empty();
        }
        return Language.fromCode(path.substring(1));
    }

    /** Answers 404 for an unknown language; the language otherwise. */
    static Optional<Language> languageOr404(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Optional<Language> language = language(request);
        if (language.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "Unknown language");
        }
        return language;
    }
}
