package com.inspireworks.ivr.config;

import java.util.List;

/**
 * Thrown at start-up when one or more settings are malformed. The message names every bad key at once, so an
 * operator fixes the configuration in one round. Messages never contain secret values.
 */
public final class InvalidSettingsException extends RuntimeException {

    private final List<String> problems;

    public InvalidSettingsException(List<String> problems) {
        super("InspireWorks IVR cannot start, invalid configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
