package com.inspireworks.ivr.calls;

import com.inspireworks.ivr.config.SettingKeys;
import com.inspireworks.ivr.phone.NumberClass;
import com.inspireworks.ivr.phone.PhoneNumbers;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where calls may go: the toll-fraud guard. Decides on the number's {@link NumberClass}:
 * <ul>
 * <li>premium-rate, shared-cost and numbers of unknown type are never called (they are how stolen telephony
 * accounts are monetised);</li>
 * <li>satellite, international-network and other non-geographic numbers, personal numbers, pagers, UAN, VoIP and
 * voicemail numbers are refused unless {@code ivr.allowed-number-classes} names their class: their rates are many
 * times a normal call's and they are the usual destinations of revenue-share fraud;</li>
 * <li>fixed lines, mobiles and national toll-free numbers are called.</li>
 * </ul>
 * Then, for numbers that belong to a country, {@code ivr.allowed-countries} may restrict which. Every refusal says
 * what the number is and, where there is one, which setting would allow it.
 */
public final class DestinationPolicy {

    private final Set<String> allowedCountries;
    private final Set<NumberClass> allowedClasses;

    /** Only the classes allowed by default. */
    public DestinationPolicy(Set<String> allowedCountries) {
        this(allowedCountries, Set.of());
    }

    /**
     * @param allowedCountries ISO 3166 codes such as {@code US}; empty allows every country
     * @param allowedClasses classes allowed on top of the default ones; a class that can never be allowed (premium
     *     rate ...) is refused here, as the settings reader does at start-up
     */
    public DestinationPolicy(Set<String> allowedCountries, Set<NumberClass> allowedClasses) {
        this.allowedCountries = Set.copyOf(new TreeSet<>(allowedCountries));
        EnumSet<NumberClass> classes = EnumSet.noneOf(NumberClass.class);
        for (NumberClass numberClass : NumberClass.values()) {
            if (numberClass.allowedByDefault()) {
                classes.add(numberClass);
            }
        }
        for (NumberClass extra : allowedClasses) {
            if (extra.neverCalled()) {
                throw new IllegalArgumentException(extra.code() + " numbers can never be allowed");
            }
            classes.add(extra);
        }
        this.allowedClasses = Set.copyOf(classes);
    }

    /** Why this number may not be called, or empty when it may. */
    public Optional<String> refusal(PhoneNumbers.Valid number) {
        NumberClass numberClass = number.numberClass();
        switch (numberClass) {
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
        if (!allowedClasses.contains(numberClass)) {
            return Optional.of(number.e164() + " is " + numberClass.description() + " number (class "
                    + numberClass.code() + "). Such numbers cost many times a normal call and are a common target of"
                    + " toll fraud, so they are refused unless " + SettingKeys.ALLOWED_NUMBER_CLASSES + " includes "
                    + numberClass.code() + ".");
        }
        if (number.geographic() && !allowedCountries.isEmpty() && !allowedCountries.contains(number.region())) {
            return Optional.of("Calls to " + number.region() + " are not allowed (" + SettingKeys.ALLOWED_COUNTRIES
                    + ": " + String.join(",", new TreeSet<>(allowedCountries)) + ").");
        }
        return Optional.empty();
    }
}
