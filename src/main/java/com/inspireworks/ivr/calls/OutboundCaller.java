package com.inspireworks.ivr.calls;

import com.inspireworks.ivr.journal.CallFailed;
import com.inspireworks.ivr.journal.CallJournal;
import com.inspireworks.ivr.journal.CallPlaced;
import com.inspireworks.ivr.journal.CallRequested;
import com.inspireworks.ivr.journal.JournalUnavailableException;
import com.inspireworks.ivr.phone.PhoneNumbers;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The one door every outbound call goes through, real or simulated, from the form, the JSON API or (later) a
 * campaign: it validates and normalises the number, applies the destination policy and the rate limits, records the
 * call in the journal, and only then asks the gateway of the call's route, once, to place it. Nothing is sent to
 * any gateway when one of these says no. Thread-safe.
 */
public final class OutboundCaller implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboundCaller.class.getName());

    /** Caller id of simulated calls when no Plivo number is configured. */
    public static final String SIMULATOR_CALLER_ID = "simulator";

    private final Map<CallRoute, CallGateway> gateways;
    private final Optional<String> from;
    private final CallUrls urls;
    private final Duration timeLimit;
    private final List<String> missingSettings;
    private final DestinationPolicy policy;
    private final CallRateLimiter limiter;
    private final CallJournal journal;
    private final Clock clock;

    /**
     * @param plivo Plivo's gateway, absent when credentials are not configured
     * @param simulator the built-in simulator
     * @param from our Plivo number
     * @param urls answer and hangup URL of a call
     * @param timeLimit longest a call may last
     * @param missingSettings configuration keys that must be set before real calls can be placed (empty when ready)
     * @param policy where calls may go
     * @param limiter how many calls may be placed
     * @param journal where calls are recorded
     */
    public OutboundCaller(Optional<CallGateway> plivo, CallGateway simulator, Optional<String> from, CallUrls urls,
            Duration timeLimit, List<String> missingSettings, DestinationPolicy policy, CallRateLimiter limiter,
            CallJournal journal, Clock clock) {
        this.gateways = new EnumMap<>(CallRoute.class);
        plivo.ifPresent(gateway -> gateways.put(CallRoute.PLIVO, gateway));
        gateways.put(CallRoute.SIMULATOR, simulator);
        this.from = from;
        this.urls = urls;
        this.timeLimit = timeLimit;
        this.missingSettings = List.copyOf(missingSettings);
        this.policy = policy;
        this.limiter = limiter;
        this.journal = journal;
        this.clock = clock;
    }

    /** Releases the gateways' connections and threads. */
    @Override
    public void close() {
        gateways.values().forEach(CallGateway::close);
    }

    /** Whether real calls can be placed through Plivo. */
    public boolean canPlaceRealCalls() {
        return missingSettings.isEmpty() && gateways.containsKey(CallRoute.PLIVO) && from.isPresent();
    }

    /** Why real calls cannot be placed, or empty when they can. */
    public Optional<String> unavailableReason() {
        if (canPlaceRealCalls()) {
            return Optional.empty();
        }
        return Optional.of("Calls cannot be placed: set " + String.join(", ", missingSettings)
                + " (environment variables, system properties or JNDI entries, see the README).");
    }

    /** The route a request takes when it does not ask for the simulator: Plivo when configured. */
    public CallRoute defaultRoute() {
        return canPlaceRealCalls() ? CallRoute.PLIVO : CallRoute.SIMULATOR;
    }

    /**
     * @param requestedBy who asks (the authenticated user), for the per-operator rate limit, the journal and the log
     * @param rawNumber the destination as typed
     * @param route Plivo or the simulator
     */
    public CallResult call(String requestedBy, String rawNumber, CallRoute route) {
        PhoneNumbers.Parsed parsed = PhoneNumbers.parse(rawNumber);
        if (parsed instanceof PhoneNumbers.Invalid invalid) {
            return new CallResult.Rejected(invalid.message());
        }
        PhoneNumbers.Valid number = (PhoneNumbers.Valid) parsed;
        String to = number.e164();
        Optional<String> refusal = policy.refusal(number);
        if (refusal.isPresent()) {
            LOG.warning(() -> "Refused call to " + to + " requested by " + requestedBy + ": " + refusal.get());
            return new CallResult.Rejected(refusal.get());
        }
        if (route == CallRoute.PLIVO && !canPlaceRealCalls()) {
            return new CallResult.Unavailable(unavailableReason().orElseThrow());
        }
        Optional<CallRateLimiter.Refusal> limited = limiter.tryAcquire(requestedBy);
        if (limited.isPresent()) {
            LOG.warning(() -> "Rate limit: call to " + to + " by " + requestedBy + " refused");
            return new CallResult.RateLimited(limited.get().message(), limited.get().retryAfter());
        }
        String callId = UUID.randomUUID().toString();
        String callerId = route == CallRoute.PLIVO ? from.orElseThrow() : from.orElse(SIMULATOR_CALLER_ID);
        try {
            journal.requested(new CallRequested(callId, requestedBy, to, callerId, route == CallRoute.SIMULATOR,
                    clock.instant()));
        } catch (JournalUnavailableException e) {
            LOG.warning(() -> "Call to " + to + " by " + requestedBy + " not placed: the journal cannot record it ("
                    + e.getMessage() + ")");
            return new CallResult.Unavailable("The call journal cannot record calls right now, so no call was"
                    + " placed. Try again in a minute; /health shows the journal's state.");
        }
        CallRequest request = new CallRequest(callId, callerId, to, urls.answerUrl(callId), urls.hangupUrl(callId),
                timeLimit, requestedBy);
        try {
            String requestUuid = gateways.get(route).placeCall(request);
            journal.placed(new CallPlaced(callId, requestUuid, clock.instant()));
            LOG.info(() -> (route == CallRoute.SIMULATOR ? "Simulated call " : "Call ") + callId + " to " + to
                    + " requested by " + requestedBy + ", request " + requestUuid);
            return new CallResult.Placed(callId, requestUuid, to, route);
        } catch (CallFailedException e) {
            boolean unknown = e.kind() == CallFailedException.Kind.OUTCOME_UNKNOWN;
            journal.failed(new CallFailed(callId, e.getMessage(), unknown, clock.instant()));
            LOG.warning(() -> "Call " + callId + " to " + to + " failed: " + e.getMessage());
            if (e.kind() == CallFailedException.Kind.AT_CAPACITY) {
                return new CallResult.Unavailable(e.getMessage());
            }
            return new CallResult.Failed(callId, e.getMessage(), unknown);
        }
    }
}
