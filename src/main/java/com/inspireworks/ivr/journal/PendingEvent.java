package com.inspireworks.ivr.journal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An event on its way to the database, with what links it to its call and its natural key.
 *
 * <p><b>Natural key.</b> Plivo retries callbacks and a signed request can be replayed; neither may add a second
 * step. A step is identified by what the request itself says, never by when it arrived or which instance took it:
 * the call (Plivo's {@code CallUUID}, present in every webhook; our call id for the events before the call has a
 * CallUUID), the type, the language, the attempt (carried in the action URL) and the detail (key pressed, option,
 * DialStatus). The IVR never offers the same menu twice at the same attempt, so two genuine steps never share a key,
 * and a retried or replayed request always produces the same key. The key is stored as a SHA-256 hash so that the
 * unique index stays small whatever the detail holds.
 *
 * @param callId our call id, when the request carried it (answer and hangup URLs) or the event is ours
 * @param callUuid Plivo's CallUUID
 * @param requestUuid the gateway's request id (ALegRequestUUID)
 * @param stepKey the natural key's hash
 */
record PendingEvent(Optional<String> callId, Optional<String> callUuid, Optional<String> requestUuid,
        String stepKey, Instant at, String type, Optional<String> language, Optional<String> detail, int attempt,
        Map<String, String> parameters) {

    static final String REQUESTED = "requested";
    static final String PLACED = "placed";
    static final String FAILED = "failed";
    static final String HANGUP = "hangup";
    /** Parameter of a {@code failed} event: the call may exist after all (timeout). */
    static final String OUTCOME_UNKNOWN = "outcomeUnknown";
    static final int MAX_DETAIL = 1000;
    /** Kept in the event's columns {@code call_uuid} and {@code request_uuid}, not in its parameters. */
    static final Set<String> ID_PARAMETERS = Set.of("CallUUID", "ALegRequestUUID", "RequestUUID");
    /** The same for every step of a call: kept with the answer step and the hangup only. */
    static final Set<String> CALL_PARAMETERS = Set.of("From", "To", "Direction", "ALegUUID");

    PendingEvent {
        at = micros(at);
        parameters = Map.copyOf(parameters);
        detail = detail.map(d -> d.length() > MAX_DETAIL ? d.substring(0, MAX_DETAIL) : d);
    }

    static PendingEvent requested(CallRequested call) {
        return ours(call.callId(), REQUESTED, Optional.empty(), Optional.empty(), call.at(), Map.of());
    }

    static PendingEvent placed(CallPlaced call) {
        return new PendingEvent(Optional.of(call.callId()), Optional.empty(), Optional.of(call.requestUuid()),
                key("c:" + call.callId(), PLACED, Optional.empty(), 0, Optional.empty()), call.at(), PLACED,
                Optional.empty(), Optional.of(call.requestUuid()), 0, Map.of("RequestUUID", call.requestUuid()));
    }

    static PendingEvent failed(CallFailed call) {
        return ours(call.callId(), FAILED, Optional.of(call.error()), Optional.empty(), call.at(),
                Map.of(OUTCOME_UNKNOWN, Boolean.toString(call.outcomeUnknown())));
    }

    /** A webhook step; empty when the request names no call at all (no CallUUID, no call id): nothing to link. */
    static Optional<PendingEvent> step(CallStep step) {
        return webhook(step.call(), code(step.type()), step.language(), step.detail(), step.attempt(), step.at());
    }

    static Optional<PendingEvent> ended(CallEnded call) {
        return webhook(call.call(), HANGUP, Optional.empty(), call.call().get("HangupCause"), 0, call.at());
    }

    /** The event type's code as stored and shown: {@code dial-ended}. */
    static String code(StepType type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static PendingEvent ours(String callId, String type, Optional<String> detail, Optional<String> language,
            Instant at, Map<String, String> parameters) {
        return new PendingEvent(Optional.of(callId), Optional.empty(), Optional.empty(),
                key("c:" + callId, type, language, 0, Optional.empty()), at, type, language, detail, 0, parameters);
    }

    private static Optional<PendingEvent> webhook(PlivoCallParameters call, String type, Optional<String> language,
            Optional<String> detail, int attempt, Instant at) {
        Optional<String> callUuid = call.callUuid();
        Optional<String> scope = callUuid.map(u -> "u:" + u).or(() -> call.callId().map(id -> "c:" + id));
        if (scope.isEmpty()) {
            return Optional.empty();
        }
        // Hangup: one per call whatever it says, so a retry with other values is still the same step.
        String key = type.equals(HANGUP) ? key(scope.get(), type, Optional.empty(), 0, Optional.empty())
                : key(scope.get(), type, language, attempt, detail);
        Map<String, String> parameters = new LinkedHashMap<>(call.values());
        if (!type.equals(HANGUP) && !type.equals("answered")) {
            // Who and whom stay on the call's row and its answer step; the ids have columns of their own (and are
            // put back into the parameters when read). Smaller rows: less for the database to write per step.
            CALL_PARAMETERS.forEach(parameters::remove);
        }
        parameters.keySet().removeAll(ID_PARAMETERS);
        return Optional.of(new PendingEvent(call.callId(), callUuid, call.requestUuid(), key, at, type, language,
                detail, attempt, parameters));
    }

    static String key(String scope, String type, Optional<String> language, int attempt, Optional<String> detail) {
        String natural = scope + '\u0000' + type + '\u0000' + language.orElse("") + '\u0000' + attempt + '\u0000'
                + detail.orElse("");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(natural.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** Both databases keep microseconds; truncating before storing makes what is read back equal what was written. */
    static Instant micros(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }
}
