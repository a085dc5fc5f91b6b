package com.inspireworks.ivr.journal;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Who wants to hear that new events were stored ({@link CallHistory#subscribe}). Thread-safe. */
final class Listeners {

    private static final Logger LOG = Logger.getLogger(Listeners.class.getName());

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    AutoCloseable add(Runnable listener) {
        Objects.requireNonNull(listener);
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Tells every listener; one that throws is logged and does not stop the others. */
    void fire() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A journal listener failed", e);
            }
        }
    }

    int size() {
        return listeners.size();
    }
}
