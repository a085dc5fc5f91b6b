package com.inspireworks.ivr.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.regex.Pattern;

/**
 * Turns what a person typed ("+1 (415) 555-0123") into an E.164 number, or a message that says exactly what is wrong
 * with it. International notation is required: the app places calls worldwide and must never guess a country.
 */
public final class PhoneNumbers {

    /** Longest input we even look at; real numbers with spacing are far shorter. */
    static final int MAX_INPUT_LENGTH = 40;

    private static final Pattern ALLOWED = Pattern.compile("[+0-9 ().\\-\u00a0]*");
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** The outcome of parsing: a valid number or the reason it is not one. */
    public sealed interface Parsed permits Valid, Invalid {
    }

    /**
     * A number that can be called.
     *
     * @param e164 normalised form, e.g. {@code +14155550123}
     * @param region ISO 3166 country code, e.g. {@code US}; {@code 001} for calling codes that belong to no country
     *     (satellite, international networks, international freephone ...)
     * @param type libphonenumber's number type (mobile, fixed line, premium rate ...)
     * @param numberClass what kind of line it reaches, for the toll-fraud guard
     */
    public record Valid(String e164, String region, PhoneNumberType type, NumberClass numberClass) implements Parsed {

        /** Whether the number belongs to a country (not to a global network such as +881 or +883). */
        public boolean geographic() {
            return !NON_GEOGRAPHIC_REGION.equals(region);
        }
    }

    /** libphonenumber's region code for numbers of calling codes that belong to no country. */
    public static final String NON_GEOGRAPHIC_REGION = "001";

    /** Why the input is not a callable number, in words for the person who typed it. */
    public record Invalid(String message) implements Parsed {
    }

    public static Parsed parse(String raw) {
        String input = raw == null ? "" : raw.strip();
        if (input.isEmpty()) {
            return new Invalid("Enter a phone number in international format, for example +14155550123.");
        }
        if (input.length() > MAX_INPUT_LENGTH) {
            return new Invalid("That is too long to be a phone number.");
        }
        if (!ALLOWED.matcher(input).matches()) {
            return new Invalid("A phone number may contain only digits, spaces, dashes, dots, parentheses and a"
                    + " leading +.");
        }
        if (!input.startsWith("+")) {
            return new Invalid("Include the country code, starting with + (for example +14155550123).");
        }
        Phonenumber.PhoneNumber number;
        try {
            number = UTIL.parse(input, "ZZ");
        } catch (NumberParseException e) {
            return new Invalid(switch (e.getErrorType()) {
                case INVALID_COUNTRY_CODE -> "Unknown country code in " + input + ".";
                case TOO_SHORT_NSN, TOO_SHORT_AFTER_IDD -> input + " is too short to be a phone number.";
                case TOO_LONG -> input + " is too long to be a phone number.";
                default -> input + " is not a phone number.";
            });
        }
        ValidationResult possible = UTIL.isPossibleNumberWithReason(number);
        switch (possible) {
            case IS_POSSIBLE, IS_POSSIBLE_LOCAL_ONLY -> { }
            case INVALID_COUNTRY_CODE -> {
                return new Invalid("Unknown country code in " + input + ".");
            }
            case TOO_SHORT -> {
                return new Invalid(input + " is too short for a number in " + regionName(number) + ".");
            }
            case TOO_LONG -> {
                return new Invalid(input + " is too long for a number in " + regionName(number) + ".");
            }
            default -> {
                return new Invalid(input + " does not have a valid length for " + regionName(number) + ".");
            }
        }
        if (!UTIL.isValidNumber(number)) {
            return new Invalid(input + " is not a valid phone number in " + regionName(number) + ".");
        }
        String region = UTIL.getRegionCodeForNumber(number);
        PhoneNumberType type = UTIL.getNumberType(number);
        return new Valid(UTIL.format(number, PhoneNumberFormat.E164), region, type,
                classify(number.getCountryCode(), region, type));
    }

    /**
     * The class of a valid number. What the number type says about cost comes first (premium rate stays premium
     * rate whatever its calling code); then calling codes that belong to no country, by what they are; then the
     * other revenue-share types.
     */
    static NumberClass classify(int callingCode, String region, PhoneNumberType type) {
        switch (type) {
            case PREMIUM_RATE -> {
                return NumberClass.PREMIUM_RATE;
            }
            case SHARED_COST -> {
                return NumberClass.SHARED_COST;
            }
            case UNKNOWN -> {
                return NumberClass.UNKNOWN;
            }
            default -> { }
        }
        if (NON_GEOGRAPHIC_REGION.equals(region)) {
            return switch (callingCode) {
                case 870, 881 -> NumberClass.SATELLITE;
                case 882, 883 -> NumberClass.INTERNATIONAL_NETWORK;
                default -> NumberClass.NON_GEOGRAPHIC;
            };
        }
        return switch (type) {
            case PERSONAL_NUMBER -> NumberClass.PERSONAL;
            case PAGER -> NumberClass.PAGER;
            case UAN -> NumberClass.UAN;
            case VOIP -> NumberClass.VOIP;
            case VOICEMAIL -> NumberClass.VOICEMAIL;
            default -> NumberClass.ORDINARY;
        };
    }

    /** Whether {@code region} is an ISO 3166 code libphonenumber has numbering data for, e.g. {@code US}. */
    public static boolean isKnownRegion(String region) {
        return UTIL.getSupportedRegions().contains(region);
    }

    private static String regionName(Phonenumber.PhoneNumber number) {
        String region = UTIL.getRegionCodeForCountryCode(number.getCountryCode());
        return "ZZ".equals(region) ? "country code +" + number.getCountryCode() : region;
    }
}
