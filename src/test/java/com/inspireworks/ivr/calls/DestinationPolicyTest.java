package com.inspireworks.ivr.calls;

import com.inspireworks.ivr.phone.PhoneNumbers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DestinationPolicyTest {

    private static PhoneNumbers.Valid number(String text) {
        return (PhoneNumbers.Valid) PhoneNumbers.parse(text);
    }

    @Test
    void premiumRateAndSharedCostAreNeverCalledEvenWhenTheCountryIsAllowed() {
        DestinationPolicy policy = new DestinationPolicy(Set.of());
        assertTrue(policy.refusal(number("+19002345678")).orElseThrow().contains("premium-rate"));
        assertTrue(policy.refusal(number("+34901123456")).orElseThrow().contains("shared-cost"));
        assertTrue(policy.refusal(number("+33891123456")).orElseThrow().contains("premium-rate"));
        assertEquals(Optional.empty(), policy.refusal(number("+14155550123")));
    }

    @Test
    void onlyListedCountriesWhenAListIsGiven() {
        DestinationPolicy policy = new DestinationPolicy(Set.of("US", "ES"));
        assertEquals(Optional.empty(), policy.refusal(number("+34912345678")));
        assertEquals("Calls to GB are not allowed (ivr.allowed-countries: ES,US).",
                policy.refusal(number("+442079460958")).orElseThrow());
    }

    /** The numbers the penetration test placed with the shipped defaults (issue 10, item 2), and their siblings. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "+881 612345678|satellite",
        "+870 301234567|satellite",
        "+883 510012345|international-network",
        "+800 12345678|non-geographic",
        "+44 70 1234 5678|personal",
        "+1 500 234 5678|personal",
        "+44 76 4012 3456|pager",
        "+44 30 1234 5678|uan",
        "+44 56 1234 5678|voip"})
    void highCostClassesAreRefusedByDefaultNamingTheClassAndTheSetting(String input, String numberClass) {
        PhoneNumbers.Valid valid = number(input);
        assertEquals(numberClass, valid.numberClass().code(), input);
        String refusal = new DestinationPolicy(Set.of()).refusal(valid).orElseThrow(
                () -> new AssertionError(input + " would be called"));
        assertTrue(refusal.startsWith(valid.e164() + " is "), refusal);
        assertTrue(refusal.contains("(class " + numberClass + ")"), refusal);
        assertTrue(refusal.contains("unless ivr.allowed-number-classes includes " + numberClass), refusal);

        DestinationPolicy allowing = new DestinationPolicy(Set.of(),
                Set.of(com.inspireworks.ivr.phone.NumberClass.fromCode(numberClass).orElseThrow()));
        assertEquals(Optional.empty(), allowing.refusal(valid), "allowed explicitly");
    }

    @Test
    void allowingOneClassAllowsNoOther() {
        DestinationPolicy satellites = new DestinationPolicy(Set.of(),
                Set.of(com.inspireworks.ivr.phone.NumberClass.SATELLITE));
        assertEquals(Optional.empty(), satellites.refusal(number("+881612345678")));
        assertTrue(satellites.refusal(number("+883510012345")).isPresent());
        assertTrue(satellites.refusal(number("+447012345678")).isPresent());
        assertTrue(satellites.refusal(number("+19002345678")).orElseThrow().contains("premium-rate"));
    }

    @Test
    void premiumRateSharedCostAndUnknownCanNeverBeAllowed() {
        for (com.inspireworks.ivr.phone.NumberClass never : List.of(com.inspireworks.ivr.phone.NumberClass.PREMIUM_RATE,
                com.inspireworks.ivr.phone.NumberClass.SHARED_COST, com.inspireworks.ivr.phone.NumberClass.UNKNOWN)) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> new DestinationPolicy(Set.of(), Set.of(never)), never.code());
        }
        assertTrue(new DestinationPolicy(Set.of()).refusal(number("+808 12345678")).orElseThrow()
                .contains("shared-cost"), "international shared cost (+808) stays shared cost");
    }

    @Test
    void ordinaryNumbersIncludingTollFreeAreCalled() {
        DestinationPolicy policy = new DestinationPolicy(Set.of());
        for (String ordinary : List.of("+14155550123", "+442079460958", "+447911123456", "+33612345678",
                "+18005550123", "+448001234567", "+4930123456")) {
            assertEquals(Optional.empty(), policy.refusal(number(ordinary)), ordinary);
        }
    }

    @Test
    void theCountryListAppliesToNumbersOfACountryOnly() {
        DestinationPolicy policy = new DestinationPolicy(Set.of("US"),
                Set.of(com.inspireworks.ivr.phone.NumberClass.SATELLITE));
        assertEquals(Optional.empty(), policy.refusal(number("+881612345678")),
                "a satellite number belongs to no country; its class decides");
        assertTrue(policy.refusal(number("+442079460958")).orElseThrow().startsWith("Calls to GB are not allowed"));
    }
}
