package com.inspireworks.ivr.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures what the application logs through java.util.logging, for assertions. */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private CapturedLog(Logger logger) {
        this.logger = logger;
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** Everything logged under the application's package. */
    public static CapturedLog application() {
        return new CapturedLog(Logger.getLogger("com.inspireworks.ivr"));
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** Each record as "LEVEL message", formatted. */
    public List<String> lines() {
        return records.stream().map(r -> r.getLevel() + " " + new java.util.logging.SimpleFormatter()
                .formatMessage(r)).toList();
    }

    public String all() {
        return String.join("\n", lines());
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
