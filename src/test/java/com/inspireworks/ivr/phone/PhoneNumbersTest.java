package com.inspireworks.ivr.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "+14155550123|+14155550123|US",
        "+1 (415) 555-0123|+14155550123|US",
        "  +1.415.555.0123  |+14155550123|US",
        "+44 20 7946 0958|+442079460958|GB",
        "+34 912 345 678|+34912345678|ES",
        "+52 55 1234 5678|+525512345678|MX",
        "+91 98765 43210|+919876543210|IN"})
    void normalisesInternationalNotationToE164(String input, String e164, String region) {
        PhoneNumbers.Valid valid = assertInstanceOf(PhoneNumbers.Valid.class, PhoneNumbers.parse(input));
        assertEquals(e164, valid.e164());
        assertEquals(region, valid.region());
    }

    private static String rejection(String input) {
        return assertInstanceOf(PhoneNumbers.Invalid.class, PhoneNumbers.parse(input)).message();
    }

    @Test
    void numbersWithoutCountryCodeAskForIt() {
        assertTrue(rejection("12345").contains("country code"), rejection("12345"));
        assertTrue(rejection("(415) 555-0123").contains("starting with +"));
    }

    @Test
    void lettersAreRefusedNotTranslatedFromAKeypad() {
        assertTrue(rejection("+1-800-FLOWERS").contains("only digits"));
        assertTrue(rejection("call me").contains("only digits"));
    }

    @Test
    void tooShortTooLongAndUnknownCountriesSaySo() {
        assertTrue(rejection("+12345").contains("too short"), rejection("+12345"));
        assertTrue(rejection("+1415555012345678").contains("too long"), rejection("+1415555012345678"));
        assertTrue(rejection("+999 1234 5678").contains("country code"), rejection("+999 1234 5678"));
    }

    @Test
    void impossibleNumbersInAKnownCountryAreInvalid() {
        assertTrue(rejection("+1 415 055 0123").contains("not a valid phone number in US"),
                rejection("+1 415 055 0123"));
    }

    @Test
    void emptyAndHugeInputGetSpecificMessages() {
        assertTrue(rejection("").startsWith("Enter a phone number"));
        assertTrue(rejection(null).startsWith("Enter a phone number"));
        assertTrue(rejection("+1" + "5".repeat(100)).contains("too long"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "+14155550123|ORDINARY|US",
        "+18005550123|ORDINARY|US",
        "+19002345678|PREMIUM_RATE|US",
        "+34901123456|SHARED_COST|ES",
        "+881612345678|SATELLITE|001",
        "+870301234567|SATELLITE|001",
        "+883510012345|INTERNATIONAL_NETWORK|001",
        "+80012345678|NON_GEOGRAPHIC|001",
        "+80812345678|SHARED_COST|001",
        "+447012345678|PERSONAL|GB",
        "+15002345678|PERSONAL|US",
        "+447640123456|PAGER|GB",
        "+443012345678|UAN|GB",
        "+445612345678|VOIP|GB"})
    void everyValidNumberHasAClass(String input, NumberClass numberClass, String region) {
        PhoneNumbers.Valid valid = assertInstanceOf(PhoneNumbers.Valid.class, PhoneNumbers.parse(input));
        assertEquals(numberClass, valid.numberClass());
        assertEquals(region, valid.region());
        assertEquals(!region.equals("001"), valid.geographic());
    }
}
