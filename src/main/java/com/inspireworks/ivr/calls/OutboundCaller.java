package com.inspireworks.ivr.calls;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Places an outbound call into the IVR: validates and normalises the number, applies the destination policy and the
 * rate limits, then asks the gateway to call it with our answer and hangup URLs. Nothing is sent to Plivo when any
 * of these says no, or when the app is not configured for calls.
 */
public final class OutboundCaller implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboundCaller.class.getName());

    private final Optional<CallGateway> gateway;
    private final Optional<String> from;
    private final String answerUrl;
    private final String hangupUrl;
    private final Duration timeLimit;
    private final List<String> missingSettings;
    private final DestinationPolicy policy;
    private final CallRateLimiter limiter;

    /**
     * @param gateway the provider, absent when credentials are not configured
     * @param from our Plivo number
     * @param answerUrl absolute URL of the welcome step
     * @param hangupUrl absolute URL of the hangup notification
     * @param timeLimit longest a call may last
     * @param missingSettings configuration keys that must be set before calls can be placed (empty when ready)
     * @param policy where calls may go
     * @param limiter how many calls may be placed
     */
    public OutboundCaller(Optional<CallGateway> gateway, Optional<String> from, String answerUrl, String hangupUrl,
            Duration timeLimit, List<String> missingSettings, DestinationPolicy policy, CallRateLimiter limiter) {
        this.gateway = gateway;
        this.from = from;
        this.answerUrl = answerUrl;
        this.hangupUrl = hangupUrl;
        this.timeLimit = timeLimit;
        this.missingSettings = List.copyOf(missingSettings);
        this.policy = policy;
        this.limiter = limiter;
    }

    /** Releases the gateway's connections and threads. */
    @Override
    public void close() {
        gateway.ifPresent(CallGateway::close);
    }

    public boolean canPlaceCalls() {
        return missingSettings.isEmpty() && gateway.isPresent() && from.isPresent();
    }

    /** Why calls cannot be placed, or empty when they can. */
    public Optional<String> unavailableReason() {
        if (canPlaceCalls()) {
            return Optional.empty();
        }
        return Optional.of("Calls cannot be placed: set " + String.join(", ", missingSettings)
                + " (environment variables, system properties or JNDI entries, see the README).");
    }

    /**
     * @param operator who asks (the authenticated user), for the per-operator rate limit and the log
     * @param rawNumber the destination as typed
     */
    public CallResult call(String operator, String rawNumber) {
        PhoneNumbers.Parsed parsed = PhoneNumbers.parse(rawNumber);
        if (parsed instanceof PhoneNumbers.Invalid invalid) {
            return new CallResult.Rejected(invalid.message());
        }
        PhoneNumbers.Valid number = (PhoneNumbers.Valid) parsed;
        Optional<String> refusal = policy.refusal(number);
        if (refusal.isPresent()) {
            LOG.warning(() -> "Refused call to " + number.e164() + " requested by " + operator + ": "
                    + refusal.get());
            return new CallResult.Rejected(refusal.get());
        }
        String to = number.e164();
        Optional<String> unavailable = unavailableReason();
        if (unavailable.isPresent()) {
            return new CallResult.NotConfigured(unavailable.get());
        }
        Optional<CallRateLimiter.Refusal> limited = limiter.tryAcquire(operator);
        if (limited.isPresent()) {
            LOG.warning(() -> "Rate limit: call to " + to + " by " + operator + " refused");
            return new CallResult.RateLimited(limited.get().message(), limited.get().retryAfter());
        }
        try {
            String requestUuid = gateway.get().placeCall(new CallRequest(from.get(), to, answerUrl, hangupUrl,
                    timeLimit));
            LOG.info(() -> "Call requested to " + to + " by " + operator + ", Plivo request " + requestUuid);
            return new CallResult.Placed(requestUuid, to);
        } catch (CallFailedException e) {
            LOG.warning(() -> "Call to " + to + " failed: " + e.getMessage());
            return new CallResult.Failed(e.getMessage());
        }
    }
}
