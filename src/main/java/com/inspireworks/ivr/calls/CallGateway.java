package com.inspireworks.ivr.calls;

/** Something that can ask a telephony provider to place a call: Plivo's REST API in production. */
public interface CallGateway extends AutoCloseable {

    /**
     * Asks for the call to be placed and returns the provider's request id.
     *
     * @throws CallFailedException when the provider refused the request or could not be reached
     */
    String placeCall(CallRequest request) throws CallFailedException;

    /** Releases connections and threads (on undeploy). */
    @Override
    default void close() {
    }
}
