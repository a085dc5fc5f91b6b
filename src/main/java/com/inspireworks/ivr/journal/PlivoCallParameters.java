package com.inspireworks.ivr.journal;

import java.util.Map;
import java.util.Optional;

/**
 * The parameters Plivo sent with a webhook that identify the call and tell what happened, already checked to be
 * short printable text (see {@code web.plivo.PlivoParameters}). Keys are Plivo's names ({@code CallUUID},
 * {@code DialStatus} ...). Only the parameters worth keeping are here; never the signature headers.
 *
 * @param callId our id of the call when the URL carried it ({@code call} query parameter of answer and hangup URLs)
 * @param values Plivo's parameters by name
 */
public record PlivoCallParameters(Optional<String> callId, Map<String, String> values) {

    public PlivoCallParameters {
        callId = callId == null ? Optional.empty() : callId;
        values = Map.copyOf(values);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** Plivo's id of the call leg ({@code CallUUID}). */
    public Optional<String> callUuid() {
        return get("CallUUID");
    }

    /** The request id our create-call got back ({@code ALegRequestUUID}, or {@code RequestUUID}). */
    public Optional<String> requestUuid() {
        return get("ALegRequestUUID").or(() -> get("RequestUUID"));
    }
}
