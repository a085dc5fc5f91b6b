package com.inspireworks.ivr.journal;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored step of a call, append-only.
 *
 * @param id the event's id: increasing in the order events were stored, across all calls (Server-Sent Events use it
 *     as {@code id:} and resume after {@code Last-Event-ID})
 * @param callId the call it belongs to
 * @param at when it happened
 * @param type {@code requested}, {@code placed}, {@code failed}, {@code answered}, {@code menu}, {@code language},
 *     {@code option}, {@code invalid}, {@code no-input}, {@code dial}, {@code dial-ended}, {@code hangup}
 * @param language language code of the step, when it has one
 * @param detail key pressed, option, DialStatus, error ... depending on the type
 * @param attempt try at the menu (1..3), 0 where it does not apply
 * @param parameters the Plivo parameters that came with the step (CallUUID, HangupCause ...)
 */
public record CallEvent(long id, String callId, Instant at, String type, Optional<String> language,
        Optional<String> detail, int attempt, Map<String, String> parameters) {

    public CallEvent {
        Objects.requireNonNull(callId);
        Objects.requireNonNull(at);
        Objects.requireNonNull(type);
        Objects.requireNonNull(language);
        Objects.requireNonNull(detail);
        parameters = Map.copyOf(parameters);
    }
}
