package com.inspireworks.ivr.web.journal;

import com.inspireworks.ivr.journal.CallDetail;
import com.inspireworks.ivr.journal.CallEvent;
import com.inspireworks.ivr.journal.CallHistory;
import com.inspireworks.ivr.journal.CallPage;
import com.inspireworks.ivr.journal.CallQuery;
import com.inspireworks.ivr.journal.CallRecord;
import com.inspireworks.ivr.journal.Funnel;
import com.inspireworks.ivr.journal.JournalUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory journal's read side for unit tests: calls and events added by the test, an on/off switch. */
class FakeCallHistory implements CallHistory {

    final Map<String, CallRecord> calls = new ConcurrentHashMap<>();
    final List<CallEvent> events = new CopyOnWriteArrayList<>();
    final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    final AtomicBoolean down = new AtomicBoolean();
    final AtomicInteger eventReads = new AtomicInteger();
    final AtomicInteger finds = new AtomicInteger();

    void add(CallRecord call) {
        calls.put(call.id(), call);
    }

    /** Stores an event and tells the subscribers, as the journal does after a write. */
    void store(CallEvent event) {
        events.add(event);
        listeners.forEach(Runnable::run);
    }

    private void check() throws JournalUnavailableException {
        if (down.get()) {
            throw new JournalUnavailableException("the test's database is down", null);
        }
    }

    @Override
    public CallPage search(CallQuery query) throws JournalUnavailableException {
        check();
        List<CallRecord> all = new ArrayList<>(calls.values());
        all.sort((a, b) -> b.requestedAt().compareTo(a.requestedAt()));
        return new CallPage(all.subList(0, Math.min(query.limit(), all.size())), Optional.empty());
    }

    @Override
    public Optional<CallDetail> find(String callId) throws JournalUnavailableException {
        check();
        finds.incrementAndGet();
        CallRecord call = calls.get(callId);
        return call == null ? Optional.empty()
                : Optional.of(new CallDetail(call, events.stream().filter(e -> e.callId().equals(callId)).toList()));
    }

    @Override
    public Funnel funnel(Instant since, Instant until) throws JournalUnavailableException {
        check();
        return new Funnel(since, until, calls.size(), 0, Map.of(), Map.of(), 0, 0);
    }

    @Override
    public List<CallRecord> live(int limit) throws JournalUnavailableException {
        check();
        return calls.values().stream().filter(c -> c.endedAt().isEmpty()).limit(limit).toList();
    }

    @Override
    public List<CallEvent> eventsAfter(long afterEventId, int limit) throws JournalUnavailableException {
        check();
        eventReads.incrementAndGet();
        return events.stream().filter(e -> e.id() > afterEventId).sorted((a, b) -> Long.compare(a.id(), b.id()))
                .limit(limit).toList();
    }

    @Override
    public long lastEventId() throws JournalUnavailableException {
        check();
        return events.stream().mapToLong(CallEvent::id).max().orElse(0);
    }

    @Override
    public AutoCloseable subscribe(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
