package com.inspireworks.ivr.web.operator;

import com.inspireworks.ivr.app.IvrComponents;
import com.inspireworks.ivr.web.FormTokens;

import com.inspireworks.ivr.calls.OutboundCaller;
import com.inspireworks.ivr.config.IvrSettings;
import com.inspireworks.ivr.flow.IvrUrls;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/** {@code GET /}: the operator's call form, rendered by {@code /WEB-INF/jsp/call-form.jsp}. */
public final class CallFormServlet extends HttpServlet {

    static final String JSP = "/WEB-INF/jsp/call-form.jsp";

    private transient IvrSettings settings;
    private transient OutboundCaller caller;
    private transient IvrUrls urls;

    @Override
    public void init() throws ServletException {
        IvrComponents components = IvrComponents.of(getServletContext());
        settings = components.settings();
        caller = components.caller();
        urls = components.urls();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        HttpSession session = request.getSession();
        LastCall lastCall = (LastCall) session.getAttribute(MakeCallServlet.LAST_CALL);
        session.removeAttribute(MakeCallServlet.LAST_CALL);
        FormTokens.expose(request);
        request.setAttribute("form", new CallFormView(
                settings.phoneNumber().orElse(null),
                settings.associateNumber().orElse(null),
                urls.welcome(),
                caller.unavailableReason().orElse(null),
                lastCall));
        response.setHeader("Cache-Control", "no-store");
        request.getRequestDispatcher(JSP).forward(request, response);
    }
}
