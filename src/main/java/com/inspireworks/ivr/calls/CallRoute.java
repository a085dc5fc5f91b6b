package com.inspireworks.ivr.calls;

/** Which gateway a call goes through. Both pass the same door: validation, destination policy, rate limits. */
public enum CallRoute {
    /** A real call through Plivo's API. */
    PLIVO,
    /** A call to the built-in simulator: a phone in the operator's browser. */
    SIMULATOR
}
