package com.inspireworks.ivr.web.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.inspireworks.ivr.journal.CallDetail;
import com.inspireworks.ivr.journal.CallEvent;
import com.inspireworks.ivr.journal.CallHistory;
import com.inspireworks.ivr.journal.JournalUnavailableException;
import com.inspireworks.ivr.web.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The journal's new steps, sent to every open live view as Server-Sent Events. One thread ({@value #THREAD}) does all
 * the work: it reads new events from the {@link CallHistory} once for all clients (woken by the journal when this
 * instance stored some, and every {@code poll} for those other instances stored), writes them to each client,
 * catches a reconnecting client up from its {@code Last-Event-ID}, and sends every client a comment heartbeat. No
 * request thread waits for anything: a client is a {@link Client} that queues what it is given and writes it when
 * its connection can take it, and one that falls too far behind is closed (its browser reconnects and catches up
 * from the database).
 *
 * <p>Each step is one frame: {@code id:} the event's id, {@code data:} JSON with the step
 * ({@link CallJson#event}, plus {@code words}) and its call as it is now ({@link CallJson#call}). Two other kinds
 * carry no id: {@code event: journal} when the journal becomes unavailable or available again, and
 * {@code event: reset} when a client is too far behind to catch up (the page reloads).
 */
public final class LiveCallFeed implements AutoCloseable {

    static final String THREAD = "ivr-live-calls";
    /** Events read per query. */
    static final int BATCH = 200;
    /** A reconnecting client further behind than this is told to reload instead. */
    static final int MAX_CATCH_UP = 2000;
    static final String HEARTBEAT = ": heartbeat\n\n";

    private static final Logger LOG = Logger.getLogger(LiveCallFeed.class.getName());

    /** One open live view. All methods are called on the feed's thread only. */
    public interface Client {

        /** Queues {@code frame} to be sent; false when the client is gone or too far behind (it closes itself). */
        boolean send(String frame);

        /** Ends the stream. */
        void close();
    }

    private final CallHistory history;
    private final int maxClients;
    private final ScheduledExecutorService thread;
    private final AutoCloseable subscription;
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicBoolean readPending = new AtomicBoolean();

    // Touched on the feed's thread only.
    private final Map<Client, Long> clients = new LinkedHashMap<>();
    private long cursor = -1;
    private boolean journalDown;

    /**
     * @param maxClients how many live views may be open at once on this instance
     * @param heartbeat how often every client gets a comment, so proxies and browsers keep the connection
     * @param poll how often the journal is read for steps other instances stored
     */
    public LiveCallFeed(CallHistory history, int maxClients, Duration heartbeat, Duration poll) {
        this.history = history;
        this.maxClients = maxClients;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, THREAD);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = executor;
        thread.scheduleWithFixedDelay(this::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(),
                TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(this::readNew, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        this.subscription = history.subscribe(this::wake);
    }

    /**
     * Reserves a place for one more client; false when {@code maxClients} are open. Each {@code true} must be
     * followed by {@link #join} or {@link #release}.
     */
    public boolean admit() {
        while (true) {
            int open = admitted.get();
            if (open >= maxClients) {
                return false;
            }
            if (admitted.compareAndSet(open, open + 1)) {
                return true;
            }
        }
    }

    /** Gives back a place reserved by {@link #admit} (a client that left, or never joined). */
    public void release() {
        admitted.decrementAndGet();
    }

    public int maxClients() {
        return maxClients;
    }

    /** How many clients are admitted now. */
    public int openClients() {
        return admitted.get();
    }

    /**
     * Starts sending steps to {@code client}: those after {@code resumeAfter} first (a reconnecting browser's
     * {@code Last-Event-ID}), else from now on.
     */
    public void join(Client client, OptionalLong resumeAfter) {
        run(() -> catchUp(client, resumeAfter));
    }

    /** Stops sending to {@code client} (it closed, failed or timed out). */
    public void leave(Client client) {
        run(() -> clients.remove(client));
    }

    /** Called by the journal (on its thread) when this instance stored events: read them soon, once. */
    private void wake() {
        if (readPending.compareAndSet(false, true)) {
            run(() -> {
                readPending.set(false);
                readNew();
            });
        }
    }

    /** Runs {@code task} on the feed's thread; nothing once the feed is closed. */
    void run(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private void catchUp(Client client, OptionalLong resumeAfter) {
        try {
            if (cursor < 0 || clients.isEmpty()) {
                // Nobody was listening: what was stored meanwhile is no one's news.
                cursor = history.lastEventId();
            }
            long sent = cursor;
            if (resumeAfter.isPresent() && resumeAfter.getAsLong() < cursor) {
                sent = resumeAfter.getAsLong();
                int caughtUp = 0;
                while (sent < cursor) {
                    if (caughtUp >= MAX_CATCH_UP) {
                        client.send(frame("reset", Map.of("reason", "too far behind: reload the page")));
                        sent = cursor;
                        break;
                    }
                    List<CallEvent> events = history.eventsAfter(sent, BATCH);
                    if (events.isEmpty()) {
                        break;
                    }
                    for (String frame : frames(events, cursor)) {
                        if (!client.send(frame)) {
                            return;
                        }
                    }
                    sent = Math.min(cursor, events.get(events.size() - 1).id());
                    caughtUp += events.size();
                }
            } else if (resumeAfter.isPresent() && resumeAfter.getAsLong() > cursor) {
                // The browser saw steps this instance has not read yet (another instance served it): skip those.
                sent = resumeAfter.getAsLong();
            }
            clients.put(client, sent);
            if (journalDown) {
                client.send(journalFrame(false));
            }
        } catch (JournalUnavailableException e) {
            clients.put(client, Math.max(cursor, resumeAfter.orElse(0)));
            journalDown = true;
            client.send(journalFrame(false));
        }
    }

    /** Reads what is new since {@code cursor} and sends it to every client that has not had it. */
    private void readNew() {
        if (clients.isEmpty()) {
            return;
        }
        try {
            if (cursor < 0) {
                cursor = history.lastEventId();
            }
            while (true) {
                List<CallEvent> events = history.eventsAfter(cursor, BATCH);
                journalAvailable();
                if (events.isEmpty()) {
                    return;
                }
                List<String> frames = frames(events, Long.MAX_VALUE);
                long last = events.get(events.size() - 1).id();
                for (Map.Entry<Client, Long> entry : new ArrayList<>(clients.entrySet())) {
                    if (send(entry.getKey(), entry.getValue(), events, frames)) {
                        clients.put(entry.getKey(), Math.max(entry.getValue(), last));
                    } else {
                        clients.remove(entry.getKey());
                    }
                }
                cursor = events.get(events.size() - 1).id();
                if (events.size() < BATCH) {
                    return;
                }
            }
        } catch (JournalUnavailableException e) {
            if (!journalDown) {
                LOG.log(Level.WARNING, "Live view: the journal is unavailable; retrying every poll", e);
                journalDown = true;
                sendToAll(journalFrame(false));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Live view: reading new steps failed; retrying at the next poll", e);
        }
    }

    /** Sends {@code client} the frames of the events after {@code sent}; false when it is gone. */
    private static boolean send(Client client, long sent, List<CallEvent> events, List<String> frames) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).id() > sent && !client.send(frames.get(i))) {
                return false;
            }
        }
        return true;
    }

    private void journalAvailable() {
        if (journalDown) {
            journalDown = false;
            LOG.info("Live view: the journal is available again");
            sendToAll(journalFrame(true));
        }
    }

    private void heartbeat() {
        sendToAll(HEARTBEAT);
    }

    private void sendToAll(String frame) {
        clients.keySet().removeIf(client -> !client.send(frame));
    }

    /** One frame per event up to {@code upTo}, each with its call as the journal has it now (one look-up per call). */
    private List<String> frames(List<CallEvent> events, long upTo) throws JournalUnavailableException {
        Map<String, Optional<CallDetail>> calls = new HashMap<>();
        List<String> frames = new ArrayList<>(events.size());
        for (CallEvent event : events) {
            if (event.id() > upTo) {
                break;
            }
            Optional<CallDetail> call = calls.get(event.callId());
            if (call == null) {
                call = history.find(event.callId());
                calls.put(event.callId(), call);
            }
            frames.add(stepFrame(event, call.map(CallDetail::call).map(CallJson::call).orElse(null)));
        }
        return frames;
    }

    /** {@code id: 42} and the step with its call as JSON. */
    static String stepFrame(CallEvent event, Map<String, Object> call) {
        Map<String, Object> step = CallJson.event(event);
        step.put("words", CallPath.describe(event));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("step", step);
        data.put("call", call);
        return "id: " + event.id() + "\ndata: " + json(data) + "\n\n";
    }

    static String journalFrame(boolean available) {
        return frame("journal", available ? Map.of("available", true) : Map.of("available", false, "message",
                "The call journal is unavailable: new steps will show once it is back."));
    }

    /** A named event without an id (the browser's Last-Event-ID stays at the last step). */
    static String frame(String name, Map<String, Object> data) {
        return "event: " + name + "\ndata: " + json(data) + "\n\n";
    }

    /** One line of JSON: Jackson escapes line breaks inside strings, so a frame's data is never split. */
    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops the feed's thread, waits for it, and closes every client: nothing is left running after an undeploy.
     */
    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Unsubscribing from the journal failed", e);
        }
        thread.shutdownNow();
        awaitTermination(thread);
        clients.keySet().forEach(Client::close);
        clients.clear();
    }

    private static void awaitTermination(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warning("Live view: the feed's thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
