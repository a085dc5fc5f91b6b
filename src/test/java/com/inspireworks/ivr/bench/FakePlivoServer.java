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
