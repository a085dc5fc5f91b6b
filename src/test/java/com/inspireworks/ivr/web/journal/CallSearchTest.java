package com.inspireworks.ivr.web.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.inspireworks.ivr.journal.CallOutcome;
import com.inspireworks.ivr.journal.CallQuery;
import com.inspireworks.ivr.journal.CallState;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallSearchTest {

    static Map<String, String[]> parameters(String... keyValues) {
        Map<String, String[]> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            map.put(keyValues[i], new String[] {keyValues[i + 1]});
        }
        return map;
    }

    static CallSearch valid(String... keyValues) {
        CallSearch.Parsed parsed = CallSearch.parse(parameters(keyValues));
        return assertInstanceOf(CallSearch.Valid.class, parsed, () -> parsed.toString()).search();
    }

    static String refused(String... keyValues) {
        CallSearch.Parsed parsed = CallSearch.parse(parameters(keyValues));
        return assertInstanceOf(CallSearch.Refused.class, parsed, () -> parsed.toString()).message();
    }

    @Test
    void noParametersIsEveryCallNewestFirstOnePage() {
        CallSearch search = valid();
        assertEquals(CallQuery.all(), search.query());
        assertEquals(ZoneOffset.UTC, search.zone());
        assertEquals("", search.filtersQuery());
    }

    @Test
    void everyFilterIsRead() {
        CallSearch search = valid("to", "+1 (415) 555-0123", "since", "2026-11-01", "until", "2026-11-25",
                "state", "in-progress", "outcome", "no-associate", "limit", "20", "after", "c2lnbmVk.42");
        CallQuery query = search.query();
        assertEquals(Optional.of("+14155550123"), query.number());
        assertEquals(Optional.of(Instant.parse("2026-11-01T00:00:00Z")), query.since());
        assertEquals(Optional.of(Instant.parse("2026-11-26T00:00:00Z")), query.until(), "a date includes the whole day");
        assertEquals(Optional.of(CallState.IN_PROGRESS), query.state());
        assertEquals(Optional.of(CallOutcome.NO_ASSOCIATE), query.outcome());
        assertEquals(20, query.limit());
        assertEquals(Optional.of("c2lnbmVk.42"), query.after());
    }

    @Test
    void datesAndLocalTimesAreReadInTheOperatorsZone() {
        CallSearch search = valid("since", "2026-11-25", "until", "2026-11-25T18:30", "tz", "America/New_York");
        assertEquals(ZoneId.of("America/New_York"), search.zone());
        assertEquals(Optional.of(Instant.parse("2026-11-25T05:00:00Z")), search.query().since());
        assertEquals(Optional.of(Instant.parse("2026-11-25T23:30:00Z")), search.query().until());
    }

    @Test
    void instantsWithAnOffsetIgnoreTheZone() {
        CallSearch search = valid("since", "2026-11-25T10:00:00Z", "until", "2026-11-25T12:00:00+01:00",
                "tz", "Asia/Tokyo");
        assertEquals(Optional.of(Instant.parse("2026-11-25T10:00:00Z")), search.query().since());
        assertEquals(Optional.of(Instant.parse("2026-11-25T11:00:00Z")), search.query().until());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "to|4155550123|to: Include the country code, starting with + (for example +14155550123).",
        "to|+1 415 555 01|to: +1 415 555 01 is too short for a number in US.",
        "to|<script>|to: A phone number may contain only digits, spaces, dashes, dots, parentheses and a leading +.",
        "since|yesterday|since: 'yesterday' is not a date or a time; use 2026-11-25, 2026-11-25T10:00 or"
                + " 2026-11-25T10:00:00Z.",
        "until|2026-02-30|until: '2026-02-30' is not a date or a time; use 2026-11-25, 2026-11-25T10:00 or"
                + " 2026-11-25T10:00:00Z.",
        "state|ringing-ish|state: 'ringing-ish' is not a call state; use one of requested, ringing, in-progress,"
                + " completed, not-answered, failed.",
        "outcome|MESSAGE|outcome: 'MESSAGE' is not a call outcome; use one of message, associate, no-associate,"
                + " no-input, invalid-input, hung-up, not-answered, failed.",
        "limit|0|limit: '0' is not a whole number from 1 to 500.",
        "limit|501|limit: '501' is not a whole number from 1 to 500.",
        "limit|ten|limit: 'ten' is not a whole number from 1 to 500.",
        "after|a b|after: 'a b' is not a page cursor; use the \"next\" value of the previous page as it is.",
        "tz|Mars/Olympus|tz: 'Mars/Olympus' is not a time zone; use a name like Europe/Madrid or America/New_York,"
                + " or leave it out for UTC.",
    })
    void aBadParameterIsRefusedWithAMessageThatNamesIt(String name, String value, String message) {
        assertEquals(message, refused(name, value));
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsRefused() {
        assertEquals("since (2026-11-25) must be before until (2026-11-24).",
                refused("since", "2026-11-25", "until", "2026-11-24"));
        assertTrue(CallSearch.parse(parameters("since", "2026-11-25", "until", "2026-11-25"))
                instanceof CallSearch.Valid, "one whole day");
    }

    @Test
    void aParameterGivenTwiceWithDifferentValuesIsRefused() {
        Map<String, String[]> parameters = Map.of("state", new String[] {"completed", "failed"});
        CallSearch.Refused refused = assertInstanceOf(CallSearch.Refused.class, CallSearch.parse(parameters));
        assertEquals("state is given 2 times with different values; give it once.", refused.message());
        assertInstanceOf(CallSearch.Valid.class,
                CallSearch.parse(Map.of("state", new String[] {"completed", "completed"})));
    }

    @Test
    void aValueLongerThanAnyRealOneIsRefused() {
        assertEquals("after is too long (at most 200 characters).", refused("after", "x".repeat(201)));
    }

    @Test
    void emptyValuesAndUnknownParametersAreIgnored() {
        CallSearch search = valid("to", "", "state", "  ", "utm_source", "mail");
        assertEquals(CallQuery.all(), search.query());
    }

    @Test
    void aRefusalKeepsWhatWasTypedForTheForm() {
        CallSearch.Refused refused = assertInstanceOf(CallSearch.Refused.class,
                CallSearch.parse(parameters("to", "+1415", "state", "completed")));
        assertEquals(Map.of("to", "+1415", "state", "completed"), refused.given());
    }

    @Test
    void linksKeepTheFiltersAndMoveTheCursor() {
        CallSearch search = valid("to", "+14155550123", "state", "completed", "limit", "10", "after", "abc");
        assertEquals("to=%2B14155550123&state=completed", search.filtersQuery());
        assertEquals("to=%2B14155550123&state=completed&limit=10&after=next%3D1", search.nextPageQuery("next=1"));
    }

    @Test
    void theFunnelCoversTheSearchedPeriodOrTheLastSevenDays() {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        CallSearch open = valid();
        assertEquals(Instant.parse("2026-11-18T10:00:00Z"), open.funnelSince(now));
        assertEquals(now, open.funnelUntil(now));
        CallSearch day = valid("since", "2026-11-20", "until", "2026-11-20");
        assertEquals(Instant.parse("2026-11-20T00:00:00Z"), day.funnelSince(now));
        assertEquals(Instant.parse("2026-11-21T00:00:00Z"), day.funnelUntil(now));
        CallSearch onlyUntil = valid("until", "2026-11-10");
        assertEquals(Instant.parse("2026-11-04T00:00:00Z"), onlyUntil.funnelSince(now));
        CallSearch future = valid("since", "2026-12-01");
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), future.funnelSince(now));
        assertEquals(Instant.parse("2026-12-08T00:00:00Z"), future.funnelUntil(now), "never an empty period");
    }
}
