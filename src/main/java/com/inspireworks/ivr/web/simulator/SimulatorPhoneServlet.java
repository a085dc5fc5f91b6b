package com.inspireworks.ivr.web.simulator;

import com.inspireworks.ivr.app.IvrComponents;
import com.inspireworks.ivr.web.FormTokens;

import com.inspireworks.ivr.simulator.CallSimulator;
import com.inspireworks.ivr.simulator.CallView;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET /simulator/calls/{id}}: the phone page of a simulated call, for the operator who placed it (404 for
 * anyone else), rendered by {@code /WEB-INF/jsp/phone.jsp}; everything on it after the first paint comes from
 * {@link SimulatorApiServlet}.
 */
public final class SimulatorPhoneServlet extends HttpServlet {

    static final String JSP = "/WEB-INF/jsp/phone.jsp";
    static final Pattern CALL_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private transient CallSimulator simulator;

    @Override
    public void init() throws ServletException {
        simulator = IvrComponents.of(getServletContext()).simulator();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String path = request.getPathInfo();
        String id = path == null ? "" : path.substring(1);
        Optional<CallView> call = CALL_ID.matcher(id).matches()
                ? simulator.find(id, SimulatorApiServlet.operator(request)) : Optional.empty();
        if (call.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such simulated call");
            return;
        }
        request.setAttribute("callId", call.get().id());
        request.setAttribute("callee", call.get().to());
        FormTokens.expose(request);
        response.setHeader("Cache-Control", "no-store");
        request.getRequestDispatcher(JSP).forward(request, response);
    }
}
