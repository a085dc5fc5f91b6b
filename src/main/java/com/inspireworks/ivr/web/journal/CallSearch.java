package com.inspireworks.ivr.web.journal;

import com.inspireworks.ivr.journal.CallOutcome;
import com.inspireworks.ivr.journal.CallQuery;
import com.inspireworks.ivr.journal.CallState;
import com.inspireworks.ivr.phone.PhoneNumbers;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A search of the journal as the operator pages, the JSON API and the CSV export take it from query parameters, all
 * optional: {@code to} (a phone number, any notation with a country code), {@code since} and {@code until} (a date
 * {@code 2026-11-25}, a local time {@code 2026-11-25T10:00} or an instant {@code 2026-11-25T10:00:00Z}), {@code state},
 * {@code outcome} (their codes, e.g. {@code in-progress}, {@code no-associate}), {@code limit} (1..500),
 * {@code after} (the {@code next} cursor of the previous page) and {@code tz} (the time zone that dates and local
 * times are read in, e.g. {@code Europe/Madrid}; UTC when absent).
 *
 * <p>A date in {@code until} includes that whole day, as an operator means it: {@code since=2026-11-25&until=2026-11-25}
 * is that day. An instant in {@code until} is exclusive. Unknown parameters are ignored; a parameter given twice, or
 * a value that cannot be read, refuses the whole search with a message that names the parameter.
 */
public record CallSearch(CallQuery query, ZoneId zone, Map<String, String> given) {

    /** Longest value accepted for any parameter; the journal's cursors, the longest values, are far shorter. */
    static final int MAX_VALUE_LENGTH = 200;
    /** The funnel's period when the search names none. */
    static final Duration DEFAULT_FUNNEL_PERIOD = Duration.ofDays(7);
    static final String PARAMETERS = "to, since, until, state, outcome, limit, after, tz";

    /** Printable ASCII without spaces: the journal reads the cursor itself and refuses one it did not make. */
    private static final Pattern CURSOR = Pattern.compile("[\\x21-\\x7E]+");

    /** @param given the parameters as sent, in the order of {@link #PARAMETERS}, for links and the form */
    public CallSearch {
        given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
    }

    /** The outcome of reading the parameters. */
    public sealed interface Parsed permits Valid, Refused {
    }

    /** A search that can run. */
    public record Valid(CallSearch search) implements Parsed {
    }

    /** Why the parameters cannot be read, in words for the person or script that sent them. */
    public record Refused(String message, Map<String, String> given) implements Parsed {

        public Refused {
            given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
        }
    }

    /** Reads {@code parameters} as {@link jakarta.servlet.ServletRequest#getParameterMap()} gives them. */
    public static Parsed parse(Map<String, String[]> parameters) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String name : PARAMETERS.split(", ")) {
            String[] values = parameters.get(name);
            if (values == null || values.length == 0) {
                continue;
            }
            String value = values[0] == null ? "" : values[0].strip();
            if (value.length() > MAX_VALUE_LENGTH) {
                return new Refused(name + " is too long (at most " + MAX_VALUE_LENGTH + " characters).",
                        given);
            }
            if (values.length > 1 && Arrays.stream(values).map(v -> v == null ? "" : v.strip()).distinct().count() > 1) {
                return new Refused(name + " is given " + values.length + " times with different values; give it once.",
                        given);
            }
            if (!value.isEmpty()) {
                given.put(name, value);
            }
        }
        try {
            ZoneId zone = zone(given.get("tz"));
            Optional<String> number = Optional.ofNullable(given.get("to")).map(CallSearch::number);
            Optional<Instant> since = Optional.ofNullable(given.get("since")).map(v -> time("since", v, zone, false));
            Optional<Instant> until = Optional.ofNullable(given.get("until")).map(v -> time("until", v, zone, true));
            if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
                throw new UnreadableParameter("since (" + given.get("since") + ") must be before until ("
                        + given.get("until") + ").");
            }
            Optional<CallState> state = Optional.ofNullable(given.get("state")).map(CallSearch::state);
            Optional<CallOutcome> outcome = Optional.ofNullable(given.get("outcome")).map(CallSearch::outcome);
            int limit = Optional.ofNullable(given.get("limit")).map(CallSearch::limit).orElse(CallQuery.DEFAULT_LIMIT);
            Optional<String> after = Optional.ofNullable(given.get("after")).map(CallSearch::cursor);
            return new Valid(new CallSearch(new CallQuery(number, since, until, state, outcome, limit, after), zone,
                    given));
        } catch (UnreadableParameter e) {
            return new Refused(e.getMessage(), given);
        }
    }

    /** The funnel's period: the search's own, else the {@link #DEFAULT_FUNNEL_PERIOD} up to {@code now}. */
    public Instant funnelSince(Instant now) {
        return query.since().orElseGet(() -> funnelUntil(now).minus(DEFAULT_FUNNEL_PERIOD));
    }

    /** The search's end, else {@code now}; else, for a search that starts after {@code now}, a week after its start. */
    public Instant funnelUntil(Instant now) {
        return query.until().orElseGet(() -> query.since().filter(since -> !since.isBefore(now))
                .map(since -> since.plus(DEFAULT_FUNNEL_PERIOD)).orElse(now));
    }

    /**
     * The query string of this search without {@code after} and {@code limit} ("" when there is nothing), for the
     * links to the first page, the CSV export and the JSON, which keep the filters.
     */
    public String filtersQuery() {
        return query(given, "after", "limit");
    }

    /** The query string of the page after this one, which starts at {@code cursor}. */
    public String nextPageQuery(String cursor) {
        Map<String, String> next = new LinkedHashMap<>(given);
        next.put("after", cursor);
        return query(next);
    }

    static String query(Map<String, String> parameters, String... leaveOut) {
        return parameters.entrySet().stream()
                .filter(e -> !Arrays.asList(leaveOut).contains(e.getKey()))
                .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(),
                        java.nio.charset.StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static ZoneId zone(String value) {
        if (value == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new UnreadableParameter("tz: '" + value + "' is not a time zone; use a name like Europe/Madrid or"
                    + " America/New_York, or leave it out for UTC.");
        }
    }

    private static String number(String value) {
        PhoneNumbers.Parsed parsed = PhoneNumbers.parse(value);
        if (parsed instanceof PhoneNumbers.Valid valid) {
            return valid.e164();
        }
        throw new UnreadableParameter("to: " + ((PhoneNumbers.Invalid) parsed).message());
    }

    /**
     * A date is the start of that day in {@code zone} (for {@code until}: the start of the next day, so the day is
     * included); a local time is read in {@code zone}; an instant with an offset or {@code Z} is taken as it is.
     */
    static Instant time(String name, String value, ZoneId zone, boolean endOfDay) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            if (value.endsWith("Z") || value.endsWith("z") || hasOffset(value)) {
                return OffsetDateTime.parse(value.replace('z', 'Z')).toInstant();
            }
            return LocalDateTime.parse(value).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw new UnreadableParameter(name + ": '" + value + "' is not a date or a time; use 2026-11-25,"
                    + " 2026-11-25T10:00 or 2026-11-25T10:00:00Z.");
        }
    }

    private static boolean hasOffset(String value) {
        int t = value.indexOf('T');
        return t > 0 && (value.indexOf('+', t) > 0 || value.indexOf('-', t) > 0);
    }

    private static CallState state(String value) {
        return CallState.fromCode(value).orElseThrow(() -> new UnreadableParameter("state: '" + value
                + "' is not a call state; use one of " + Arrays.stream(CallState.values()).map(CallState::code)
                        .collect(Collectors.joining(", ")) + "."));
    }

    private static CallOutcome outcome(String value) {
        return CallOutcome.fromCode(value).orElseThrow(() -> new UnreadableParameter("outcome: '" + value
                + "' is not a call outcome; use one of " + Arrays.stream(CallOutcome.values())
                        .map(CallOutcome::code).collect(Collectors.joining(", ")) + "."));
    }

    private static int limit(String value) {
        if (value.matches("[0-9]{1,4}")) {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= CallQuery.MAX_LIMIT) {
                return limit;
            }
        }
        throw new UnreadableParameter("limit: '" + value + "' is not a whole number from 1 to " + CallQuery.MAX_LIMIT
                + ".");
    }

    private static String cursor(String value) {
        if (!CURSOR.matcher(value).matches()) {
            throw new UnreadableParameter("after: '" + value + "' is not a page cursor; use the \"next\" value of"
                    + " the previous page as it is.");
        }
        return value;
    }

    /** A parameter that cannot be read; its message is the answer. */
    private static final class UnreadableParameter extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UnreadableParameter(String message) {
            super(message, null, false, false);
        }
    }
}
