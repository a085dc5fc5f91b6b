package com.inspireworks.ivr.journal;

/** The journal could not commit a write that must be committed (the database is down or refused it). */
public final class JournalUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public JournalUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
