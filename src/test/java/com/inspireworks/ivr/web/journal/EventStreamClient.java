package com.inspireworks.ivr.web.journal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import com.inspireworks.ivr.support.Http;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A Server-Sent Events client for the integration tests: reads a stream's frames on a thread of its own. */
final class EventStreamClient implements AutoCloseable {

    /**
     * One frame: {@code id:}, {@code event:}, {@code data:} and comment lines until the blank line.
     *
     * @param comment the comment of a comment-only frame (": heartbeat" → "heartbeat"), else null
     */
    record Frame(String id, String event, String data, String comment, String retry) {
    }

    private static final String END = "\u0000end";

    final HttpResponse<InputStream> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    private EventStreamClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "test-sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Opens {@code path} with {@code http}'s credentials (each stream gets a connection of its own), with extra
     * {@code headers} (Last-Event-ID ...).
     */
    static EventStreamClient open(Http http, String path, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Accept", "text/event-stream");
        return new EventStreamClient(http.stream(path, all));
    }

    int status() {
        return response.statusCode();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // closed by the test or the server
        }
        lines.add(END);
    }

    /** The next frame within {@code timeout}; null when the stream ended or nothing came. */
    Frame next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> frame = new ArrayList<>();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(END)) {
                if (line != null) {
                    lines.add(END);
                }
                return null;
            }
            if (line.isEmpty()) {
                if (!frame.isEmpty()) {
                    return parse(frame);
                }
                continue;
            }
            frame.add(line);
        }
    }

    /** The next frame that is a step (has an id), skipping heartbeats and named events. */
    Frame nextStep(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame frame = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (frame == null || frame.id() != null) {
                return frame;
            }
        }
    }

    /** Whether the server ended the stream within {@code timeout}. */
    boolean ended(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                return false;
            }
            if (line.equals(END)) {
                lines.add(END);
                return true;
            }
        }
    }

    private static Frame parse(List<String> lines) {
        String id = null;
        String event = null;
        String retry = null;
        String comment = null;
        StringBuilder data = null;
        for (String line : lines) {
            if (line.startsWith(":")) {
                comment = line.substring(1).strip();
            } else if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("retry: ")) {
                retry = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data = data == null ? new StringBuilder() : data.append('\n');
                data.append(line.substring(6));
            } else {
                throw new AssertionError("not a line of an event stream: " + line);
            }
        }
        return new Frame(id, event, data == null ? null : data.toString(), comment, retry);
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // closing anyway
        }
        reader.interrupt();
    }
}
