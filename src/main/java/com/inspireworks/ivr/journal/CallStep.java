package com.inspireworks.ivr.journal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a caller's path through the IVR, as a webhook saw it.
 *
 * @param type what happened
 * @param language the language of the step ({@code en}, {@code es}), empty before one was chosen
 * @param detail the key pressed, the option chosen, the dial status ... depending on {@code type}; may be empty
 * @param attempt which try at the menu (1..3)
 * @param call the call's identifying Plivo parameters
 * @param at when the webhook arrived
 */
public record CallStep(StepType type, Optional<String> language, Optional<String> detail, int attempt,
        PlivoCallParameters call, Instant at) {

    public CallStep {
        Objects.requireNonNull(type);
        Objects.requireNonNull(language);
        Objects.requireNonNull(detail);
        Objects.requireNonNull(call);
        Objects.requireNonNull(at);
    }
}
