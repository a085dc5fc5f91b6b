package com.inspireworks.ivr.simulator;

import com.inspireworks.ivr.calls.CallFailedException;
import com.inspireworks.ivr.calls.CallGateway;
import com.inspireworks.ivr.calls.CallRequest;

/**
 * The simulator as a telephony provider: a create-call request makes the phone page of call {@code callId} ring,
 * exactly as Plivo would make a real phone ring. It sits behind the application's one door
 * ({@code OutboundCaller}), so simulated calls obey the same number rules, destination policy, rate limits and
 * journal as real ones.
 */
public final class SimulatorGateway implements CallGateway {

    private final CallSimulator simulator;

    public SimulatorGateway(CallSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public String placeCall(CallRequest request) throws CallFailedException {
        CallSimulator.Placement placement = simulator.place(request);
        if (placement instanceof CallSimulator.Placed placed) {
            return placed.call().requestUuid();
        }
        throw new CallFailedException(CallFailedException.Kind.AT_CAPACITY,
                ((CallSimulator.Full) placement).message());
    }

    @Override
    public void close() {
        simulator.close();
    }
}
