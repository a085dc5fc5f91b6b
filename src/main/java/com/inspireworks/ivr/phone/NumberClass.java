package com.inspireworks.ivr.phone;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What kind of line a valid number reaches, as far as calling it costs or earns someone money: the classes the
 * toll-fraud guard ({@code calls.DestinationPolicy}) decides on. Derived from libphonenumber's number type and, for
 * the calling codes that belong to no country (region "001"), the calling code itself.
 *
 * <p>Stolen telephony accounts are monetised by calling numbers whose owner is paid per minute ("international
 * revenue share fraud"): premium-rate and shared-cost numbers, and, because their termination rates are many times
 * a normal call's, satellite phones, international networks, personal numbers, pagers and similar classes.
 */
public enum NumberClass {

    /** Fixed lines, mobiles and national toll-free numbers: what an IVR normally calls. */
    ORDINARY("ordinary", "an ordinary", true, false),
    /** Iridium (+881) and Inmarsat (+870). */
    SATELLITE("satellite", "a satellite (Iridium, Inmarsat)", false, true),
    /** International networks (+882, +883): carriers and services with numbers outside any country. */
    INTERNATIONAL_NETWORK("international-network", "an international-network (+882/+883)", false, true),
    /** Any other calling code that belongs to no country (+800 international freephone, +878, +888 ...). */
    NON_GEOGRAPHIC("non-geographic", "a non-geographic (no country)", false, true),
    /** Personal numbers that follow a person anywhere (+44 70, +1 500 ...), a classic revenue-share destination. */
    PERSONAL("personal", "a personal", false, true),
    PAGER("pager", "a pager", false, true),
    /** Universal access numbers (+44 3x ...): one number routed to a company's lines, often at a higher rate. */
    UAN("uan", "a universal access (UAN)", false, true),
    VOIP("voip", "a VoIP", false, true),
    VOICEMAIL("voicemail", "a voicemail access", false, true),
    /** Never called: the caller pays the owner. */
    PREMIUM_RATE("premium-rate", "a premium-rate", false, false),
    /** Never called: the cost is shared with the owner. */
    SHARED_COST("shared-cost", "a shared-cost", false, false),
    /** Never called: libphonenumber cannot tell what it is, so neither can we. */
    UNKNOWN("unknown", "an unknown-type", false, false);

    private final String code;
    private final String description;
    private final boolean allowedByDefault;
    private final boolean allowable;

    NumberClass(String code, String description, boolean allowedByDefault, boolean allowable) {
        this.code = code;
        this.description = description;
        this.allowedByDefault = allowedByDefault;
        this.allowable = allowable;
    }

    /** The name used in {@code ivr.allowed-number-classes}, e.g. {@code satellite}. */
    public String code() {
        return code;
    }

    /** For messages: "+881612345678 is {@code a satellite (Iridium, Inmarsat)} number". */
    public String description() {
        return description;
    }

    /** Called unless a setting says otherwise. */
    public boolean allowedByDefault() {
        return allowedByDefault;
    }

    /** Refused by default, and an operator may allow it in {@code ivr.allowed-number-classes}. */
    public boolean allowable() {
        return allowable;
    }

    /** Premium-rate, shared-cost and unknown numbers: no setting allows them. */
    public boolean neverCalled() {
        return !allowedByDefault && !allowable;
    }

    public static Optional<NumberClass> fromCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }

    /** The codes an operator may put in {@code ivr.allowed-number-classes}, comma-separated, for messages. */
    public static String allowableCodes() {
        return Arrays.stream(values()).filter(NumberClass::allowable).map(NumberClass::code)
                .collect(Collectors.joining(", "));
    }
}
