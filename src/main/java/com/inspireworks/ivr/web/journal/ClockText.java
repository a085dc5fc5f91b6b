package com.inspireworks.ivr.web.journal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the operator pages write times: in UTC, labelled so on the page, inside {@code <time datetime="…">}; the
 * page's script ({@code static/local-time.js}) rewrites them in the browser's time zone and changes the label.
 */
public final class ClockText {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ClockText() {
    }

    /** For the {@code datetime} attribute: {@code 2026-11-25T10:02:03Z}. */
    public static String iso(Instant at) {
        return at == null ? null : at.toString();
    }

    /** {@code 2026-11-25 10:02:03}, UTC. */
    public static String dateTime(Instant at) {
        return at == null ? null : DATE_TIME.format(at);
    }

    /** {@code 10:02:03}, UTC. */
    public static String time(Instant at) {
        return at == null ? null : TIME.format(at);
    }
}
