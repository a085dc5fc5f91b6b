package com.inspireworks.ivr.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the call journal is stored, when no container DataSource ({@code java:comp/env/jdbc/ivr}) is configured.
 *
 * @param url {@code ivr.db.url}: a PostgreSQL (or H2) JDBC URL for an application-managed pool
 * @param user {@code ivr.db.user}
 * @param password {@code ivr.db.password}; masked when printed
 * @param dataDir {@code ivr.data-dir}: the folder of the embedded default database, absolute
 * @param retentionDays {@code ivr.journal.retention-days}: calls older than this are deleted in the background
 */
public record DatabaseSettings(Optional<String> url, Optional<String> user, Optional<Secret> password,
        Optional<Path> dataDir, int retentionDays) {

    public static final int DEFAULT_RETENTION_DAYS = 90;

    public DatabaseSettings {
        Objects.requireNonNull(url);
        Objects.requireNonNull(user);
        Objects.requireNonNull(password);
        Objects.requireNonNull(dataDir);
        if (retentionDays < 1) {
            throw new IllegalArgumentException("retentionDays must be at least 1");
        }
    }

    /** Nothing configured: the embedded default in its default folder, default retention. */
    public static DatabaseSettings embeddedDefault() {
        return new DatabaseSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                DEFAULT_RETENTION_DAYS);
    }

    /**
     * The URL as it may be logged: without user information and without the query, where drivers accept a
     * password ({@code jdbc:postgresql://db:5432/ivr?password=...}).
     */
    public static String printableUrl(String url) {
        String shown = url;
        int query = shown.indexOf('?');
        if (query >= 0) {
            shown = shown.substring(0, query);
        }
        int at = shown.indexOf('@');
        int scheme = shown.indexOf("//");
        if (at >= 0 && scheme >= 0 && at > scheme) {
            shown = shown.substring(0, scheme + 2) + shown.substring(at + 1);
        }
        int semicolon = shown.indexOf(';');
        if (semicolon >= 0 && shown.startsWith("jdbc:h2:")) {
            shown = shown.substring(0, semicolon);
        }
        return shown;
    }
}
