package com.inspireworks.ivr.calls;

import com.inspireworks.ivr.phone.PhoneNumbers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
