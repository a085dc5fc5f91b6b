package com.inspireworks.ivr.web.journal;

import com.inspireworks.ivr.app.IvrComponents;
import com.inspireworks.ivr.web.Json;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.logging.Logger;

/**
 * {@code GET /api/calls/events}: the journal's new steps as Server-Sent Events ({@code text/event-stream}) for the
 * live view, from an asynchronous request: the request thread returns at once and the {@link LiveCallFeed}'s one
 * thread serves every open stream. {@code Last-Event-ID} (a reconnecting browser) or {@code ?after=} (the page's
 * first connection, from the last step it rendered) resumes after that step, re-read from the journal.
 *
 * <p>Each stream has its own timeout ({@code stream-timeout-seconds}; containers end an asynchronous request after
 * their default otherwise, 30 s on Tomcat), after which the browser reconnects and resumes; a comment heartbeat
 * ({@code heartbeat-seconds}) keeps proxies from closing a quiet stream; {@code X-Accel-Buffering: no} keeps nginx
 * from buffering it. At most {@code max-streams} are open at once; one more gets 503 with the reason. The feed and
 * its thread end with the servlet (undeploy), and so does every open stream.
 */
public final class CallEventsServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(CallEventsServlet.class.getName());
    static final String RETRY = "retry: 3000\n\n";

    private transient LiveCallFeed feed;
    private long streamTimeoutMillis;

    @Override
    public void init() throws ServletException {
        int maxStreams = parameter("max-streams", 50);
        streamTimeoutMillis = Duration.ofSeconds(parameter("stream-timeout-seconds", 300)).toMillis();
        feed = new LiveCallFeed(IvrComponents.of(getServletContext()).history(), maxStreams,
                Duration.ofSeconds(parameter("heartbeat-seconds", 20)),
                Duration.ofMillis(parameter("poll-milliseconds", 2000)));
    }

    @Override
    public void destroy() {
        if (feed != null) {
            feed.close();
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        OptionalLong resume;
        try {
            resume = resumeAfter(request.getHeader("Last-Event-ID"), request.getParameter("after"));
        } catch (IllegalArgumentException e) {
            Json.error(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        if (!request.isAsyncSupported()) {
            // A filter in front of this servlet lacks <async-supported>true</async-supported> in web.xml.
            LOG.severe("The live view cannot stream: a filter mapped to /api/calls/events does not support"
                    + " asynchronous requests (web.xml: <async-supported>true</async-supported>)");
            Json.error(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "The live view is misconfigured on"
                    + " this server (a filter does not allow asynchronous requests); the log says which setting.");
            return;
        }
        if (!feed.admit()) {
            response.setHeader("Retry-After", "30");
            Json.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The live view is open "
                    + feed.maxClients() + " times already, the most this server allows: close a live view in another"
                    + " tab or window, or try again later.");
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext async;
        try {
            async = request.startAsync();
        } catch (IllegalStateException e) {
            feed.release();
            throw e;
        }
        async.setTimeout(streamTimeoutMillis);
        ServletOutputStream out = response.getOutputStream();
        // From here on the stream gives its place back itself, however it ends.
        EventStream stream = new EventStream(async, out, feed);
        async.addListener(stream);
        // Queued now, written once the container calls onWritePossible; the feed's thread takes over in join.
        stream.send(RETRY);
        out.setWriteListener(stream);
        feed.join(stream, resume);
    }

    /** HEAD: the headers a GET would have, without opening a stream. */
    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) {
        response.setContentType("text/event-stream");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
    }

    /** The step to resume after: the browser's Last-Event-ID wins over the page's {@code after}. */
    static OptionalLong resumeAfter(String lastEventId, String after) {
        String name;
        String value;
        if (lastEventId != null && !lastEventId.isBlank()) {
            name = "Last-Event-ID";
            value = lastEventId.strip();
        } else if (after != null && !after.isBlank()) {
            name = "after";
            value = after.strip();
        } else {
            return OptionalLong.empty();
        }
        if (!value.matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException(name + " must be the id of a step (a whole number), as the stream sent"
                    + " it.");
        }
        return OptionalLong.of(Long.parseLong(value));
    }

    private int parameter(String name, int fallback) throws ServletException {
        String value = getInitParameter(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ServletException("Init parameter " + name + " of " + getServletName() + " must be a whole number"
                + " above 0, not '" + value + "'");
    }
}
