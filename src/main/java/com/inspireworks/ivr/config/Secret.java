package com.inspireworks.ivr.config;

/**
 * A credential that must never be printed. {@link #toString()} is masked so that a secret that slips into a log
 * line, an exception message or a debugger shows nothing useful; the value is read only where it is used.
 */
public final class Secret {

    private final String value;

    public Secret(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("empty secret");
        }
        this.value = value;
    }

    /** The secret itself, for the one place that needs it (signing, authenticating to Plivo). */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "********";
    }
}
