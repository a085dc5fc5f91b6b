package com.inspireworks.ivr.calls;

import com.inspireworks.ivr.phone.PhoneNumbers;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where calls may go: the toll-fraud guard. Premium-rate, shared-cost and numbers of unknown type are always
 * refused (they are how stolen telephony accounts are monetised); optionally only a list of countries is allowed.
 */
public final class DestinationPolicy {

    private final Set<String> allowedCountries;

    /** @param allowedCountries ISO 3166 codes such as {@code US}; empty allows every country */
    public DestinationPolicy(Set<String> allowedCountries) {
        this.allowedCountries = Set.copyOf(new TreeSet<>(allowedCountries));
    }

    /** Why this number may not be called, or empty when it may. */
    public Optional<String> refusal(PhoneNumbers.Valid number) {
        switch (number.type()) {
            case PREMIUM_RATE -> {
                return Optional.of(number.e164() + " is a premium-rate number; calls to premium-rate numbers are"
                        + " never placed.");
            }
            case SHARED_COST -> {
                return Optional.of(number.e164() + " is a shared-cost number; calls to shared-cost numbers are never"
                        + " placed.");
            }
            case UNKNOWN -> {
                return Optional.of("The type of " + number.e164() + " cannot be determined; such numbers are never"
                        + " called.");
            }
            default -> { }
        }
        if (!allowedCountries.isEmpty() && !allowedCountries.contains(number.region())) {
            return Optional.of("Calls to " + number.region() + " are not allowed (ivr.allowed-countries: "
                    + String.join(",", new TreeSet<>(allowedCountries)) + ").");
        }
        return Optional.empty();
    }
}
