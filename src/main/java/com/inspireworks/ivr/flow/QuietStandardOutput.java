package com.inspireworks.ivr.flow;

import java.io.PrintStream;

/**
 * Drops what ONE thread writes to {@code System.out} while it is open; every other thread's output goes through
 * unchanged. plivo-java's {@code Speak} prints the language code to standard output each time it validates a Polly
 * voice; the documents are built once at start-up, and those 90 bare {@code en-US} / {@code es-MX} lines would
 * otherwise end up in the server's log. The original stream is put back on close, unless someone else replaced
 * {@code System.out} in the meantime (then theirs is left alone and ours simply forwards to the original).
 */
final class QuietStandardOutput implements AutoCloseable {

    private final PrintStream original;
    private final FilteringStream filter;

    private QuietStandardOutput(PrintStream original, Thread quiet) {
        this.original = original;
        this.filter = new FilteringStream(original, quiet);
    }

    static QuietStandardOutput forCurrentThread() {
        QuietStandardOutput quiet = new QuietStandardOutput(System.out, Thread.currentThread());
        System.setOut(quiet.filter);
        return quiet;
    }

    @Override
    public void close() {
        filter.release();
        if (System.out == filter) {
            System.setOut(original);
        }
    }

    /** Forwards everything except the writes of one thread, until released. */
    private static final class FilteringStream extends PrintStream {
        private volatile Thread quiet;

        FilteringStream(PrintStream target, Thread quiet) {
            super(target, true);
            this.quiet = quiet;
        }

        void release() {
            quiet = null;
        }

        private boolean muted() {
            return Thread.currentThread() == quiet;
        }

        @Override
        public void write(int b) {
            if (!muted()) {
                super.write(b);
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) {
            if (!muted()) {
                super.write(buf, off, len);
            }
        }

        @Override
        public void flush() {
            if (!muted()) {
                super.flush();
            }
        }
    }
}
