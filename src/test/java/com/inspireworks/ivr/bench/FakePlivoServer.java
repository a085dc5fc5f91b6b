package com.inspireworks.ivr.bench;

import com.inspireworks.ivr.support.FakePlivoApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The tests' {@link FakePlivoApi} (Plivo's create-call API on 127.0.0.1, answering 201 at once) as a process of its
 * own, so that the app on Tomcat and {@link MakeCallBench}'s direct SDK calls talk to the same fake. Writes its base
 * URL to the file given as the only argument and runs until killed.
 *
 * <p>TCP_NODELAY is switched on for the JDK's HttpServer before the fake starts: without it the server writes the
 * response headers and the body in two small segments, Nagle's algorithm holds the second back until the client's
 * delayed ACK (40 ms on Linux), and every create-call took ~44 ms instead of ~1 ms, measuring the fake, not the app.
 *
 * <p>The fake records every request in a copy-on-write list (the tests inspect it); a benchmark sends thousands, so
 * the list is emptied twice a second to keep each request O(1) for the whole run.
 */
public final class FakePlivoServer {

    private FakePlivoServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: FakePlivoServer URL_FILE");
            System.exit(2);
        }
        System.setProperty("sun.net.httpserver.nodelay", "true");
        FakePlivoApi api = new FakePlivoApi();
        ScheduledExecutorService cleaner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "fake-plivo-cleaner");
            thread.setDaemon(true);
            return thread;
        });
        cleaner.scheduleAtFixedRate(api::reset, 500, 500, TimeUnit.MILLISECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(api::close));
        Path file = Path.of(args[0]);
        Path partial = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(partial, api.baseUrl() + "\n", StandardCharsets.UTF_8);
        Files.move(partial, file);
        System.out.println("fake Plivo API at " + api.baseUrl());
        Thread.currentThread().join();
    }
}
