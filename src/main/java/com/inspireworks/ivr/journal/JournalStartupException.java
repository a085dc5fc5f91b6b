package com.inspireworks.ivr.journal;

/**
 * The journal cannot start: its database cannot be opened or reached, or it was migrated by a newer release. The
 * message says what to do; the deployment stops with it.
 */
public final class JournalStartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JournalStartupException(String message, Throwable cause) {
        super(message, cause);
    }

    public JournalStartupException(String message) {
        super(message);
    }
}
