package com.inspireworks.ivr.journal;

import java.time.Instant;
import java.util.Map;

/**
 * How far the calls of a period got: placed → answered → language → option → associate connected.
 *
 * @param placed calls the gateway accepted (simulated ones included; see {@code simulated})
 * @param answered of those, answered
 * @param languages answered calls by the language chosen ({@code en} → n)
 * @param options calls by the level-2 option chosen ({@code message}, {@code associate})
 * @param associateConnected calls in which the associate answered
 * @param simulated how many of {@code placed} were simulated
 */
public record Funnel(Instant since, Instant until, long placed, long answered, Map<String, Long> languages,
        Map<String, Long> options, long associateConnected, long simulated) {

    public Funnel {
        languages = Map.copyOf(languages);
        options = Map.copyOf(options);
    }
}
