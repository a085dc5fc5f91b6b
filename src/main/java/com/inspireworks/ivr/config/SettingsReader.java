package com.inspireworks.ivr.config;

import com.inspireworks.ivr.flow.Language;
import com.inspireworks.ivr.phone.NumberClass;
import com.inspireworks.ivr.phone.PhoneNumbers;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Reads {@link IvrSettings} from MicroProfile Config and validates every value. All problems are collected and
 * reported together in one {@link InvalidSettingsException}; secret values are never part of a message.
 *
 * <p>An empty value means "not set" (an empty environment variable or JNDI entry falls back to the next source's
 * value, usually the WAR's default, instead of stopping the deployment), and so does a value that still holds one of the placeholders shipped in
 * {@code deploy/} ({@code REPLACE_WITH_...}, an auth id of X's): each such key is named in one start-up warning.
 */
public final class SettingsReader {

    /** Where the app is served when the operator has not said (the run command's embedded server). */
    static final String LOCAL_ORIGIN = "http://localhost:8080";

    private static final Logger LOG = Logger.getLogger(SettingsReader.class.getName());
    private static final Pattern AUTH_ID = Pattern.compile("(MA|SA)[A-Z0-9]{18}");
    /** The placeholders of deploy/: REPLACE_WITH_... and an auth id of X's (MAXXXXXXXXXXXXXXXXXX). */
    private static final Pattern PLACEHOLDER = Pattern.compile(".*REPLACE_WITH_.*|(MA|SA)X{18}");
    private static final Pattern AUTH_TOKEN = Pattern.compile("[A-Za-z0-9_\\-]{8,128}");

    private final Config config;
    private final List<String> problems = new ArrayList<>();
    private final List<String> placeholders = new ArrayList<>();

    private SettingsReader(Config config) {
        this.config = config;
    }

    /**
     * @param config where values come from
     * @param contextPath the servlet context path ("" or "/ivr"), used for the local default public URL
     */
    public static IvrSettings read(Config config, String contextPath) {
        return new SettingsReader(config).read(contextPath == null ? "" : contextPath);
    }

    private IvrSettings read(String contextPath) {
        Optional<String> authId = text(SettingKeys.AUTH_ID);
        authId.filter(id -> !AUTH_ID.matcher(id).matches()).ifPresent(id ->
                problems.add(SettingKeys.AUTH_ID + " must be MA or SA followed by 18 capital letters or digits"));
        Optional<String> token = text(SettingKeys.AUTH_TOKEN);
        token.filter(t -> !AUTH_TOKEN.matcher(t).matches()).ifPresent(t ->
                problems.add(SettingKeys.AUTH_TOKEN + " must be 8 to 128 letters, digits, '-' or '_' (value not shown)"));

        Optional<String> phone = phoneNumber(SettingKeys.PHONE_NUMBER);
        Optional<String> associate = phoneNumber(SettingKeys.ASSOCIATE_NUMBER);

        Optional<URI> configuredPublicUrl = text(SettingKeys.PUBLIC_URL).flatMap(v -> httpUrl(SettingKeys.PUBLIC_URL, v,
                true));
        URI publicUrl = configuredPublicUrl.orElseGet(() -> URI.create(LOCAL_ORIGIN + contextPath));

        Map<Language, URI> audio = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            audio.put(language, text(language.audioUrlKey()).flatMap(v -> httpUrl(language.audioUrlKey(), v, false))
                    .orElseGet(() -> URI.create(language.prompts().defaultAudioUrl())));
        }
        URI apiUrl = requiredUrl(SettingKeys.API_URL);
        Duration connect = millis(SettingKeys.CONNECT_TIMEOUT, 100, 60_000);
        Duration read = millis(SettingKeys.READ_TIMEOUT, 100, 120_000);
        Duration timeLimit = seconds(SettingKeys.CALL_TIME_LIMIT, 60, 14_400);
        Optional<String> mainToken = text(SettingKeys.MAIN_ACCOUNT_AUTH_TOKEN);
        mainToken.filter(t -> !AUTH_TOKEN.matcher(t).matches()).ifPresent(t -> problems.add(
                SettingKeys.MAIN_ACCOUNT_AUTH_TOKEN + " must be 8 to 128 letters, digits, '-' or '_' (value not shown)"));
        boolean verify = bool(SettingKeys.VERIFY_SIGNATURES);
        int perMinute = (int) number(SettingKeys.MAX_CALLS_PER_MINUTE, 1, 10_000, "calls");
        int perHour = (int) number(SettingKeys.MAX_CALLS_PER_HOUR, 1, 1_000_000, "calls");
        Set<String> countries = countries(SettingKeys.ALLOWED_COUNTRIES);
        Set<NumberClass> numberClasses = numberClasses(SettingKeys.ALLOWED_NUMBER_CLASSES);
        int operatorRequests = (int) number(SettingKeys.MAX_CONCURRENT_OPERATOR_REQUESTS, 1, 1000, "requests");
        int signIns = (int) number(SettingKeys.MAX_CONCURRENT_SIGN_INS, 1, 64, "sign-ins");
        DatabaseSettings database = database();

        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        if (!placeholders.isEmpty()) {
            LOG.warning("These settings still hold the placeholders shipped in deploy/ and are treated as not set: "
                    + String.join(", ", placeholders) + ". Replace them with real values (see deploy/README.md).");
        }
        return new IvrSettings(authId, token.map(Secret::new), phone, associate, publicUrl,
                configuredPublicUrl.isPresent(), audio, apiUrl, connect, read, timeLimit,
                mainToken.map(Secret::new), verify, perMinute, perHour, countries, numberClasses,
                operatorRequests, signIns, database);
    }

    /**
     * The journal's database settings. Only PostgreSQL (production) and H2 (the embedded default's engine) speak the
     * journal's schema; a user or password without a URL is a mistake worth stopping for.
     */
    private DatabaseSettings database() {
        Optional<String> url = text(SettingKeys.DB_URL);
        url.filter(u -> !(u.startsWith("jdbc:postgresql:") || u.startsWith("jdbc:h2:"))).ifPresent(u ->
                problems.add(SettingKeys.DB_URL + " must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db),"
                        + " got '" + printable(DatabaseSettings.printableUrl(u)) + "'"));
        Optional<String> user = text(SettingKeys.DB_USER);
        user.filter(u -> u.length() > 128).ifPresent(u -> problems.add(SettingKeys.DB_USER
                + " must be at most 128 characters"));
        Optional<String> password = text(SettingKeys.DB_PASSWORD);
        if (url.isEmpty() && (user.isPresent() || password.isPresent())) {
            problems.add((user.isPresent() ? SettingKeys.DB_USER : SettingKeys.DB_PASSWORD) + " is set but "
                    + SettingKeys.DB_URL + " is not: set the URL too, or remove the user and password");
        }
        Optional<Path> dataDir = text(SettingKeys.DATA_DIR).flatMap(this::dataDir);
        int retention = (int) number(SettingKeys.JOURNAL_RETENTION_DAYS, 1, 3650, "days");
        return new DatabaseSettings(url, user, password.map(Secret::new), dataDir, retention);
    }

    private Optional<Path> dataDir(String value) {
        try {
            Path path = Path.of(value);
            if (!path.isAbsolute()) {
                problems.add(SettingKeys.DATA_DIR + " must be an absolute path, got '" + printable(value) + "'");
                return Optional.empty();
            }
            return Optional.of(path.normalize());
        } catch (InvalidPathException e) {
            problems.add(SettingKeys.DATA_DIR + " is not a valid path: '" + printable(value) + "'");
            return Optional.empty();
        }
    }

    /**
     * The value of {@code key}; empty when unset, blank or a shipped placeholder. A blank value does not hide a
     * weaker source's value: MicroProfile Config reports an empty environment variable or JNDI entry as "no value"
     * without looking further, so the sources are then asked in order for the first non-blank one (the WAR's
     * default, usually).
     */
    private Optional<String> text(String key) {
        Optional<String> value = config.getOptionalValue(key, String.class).map(String::strip)
                .filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            value = firstNonBlank(key);
        }
        if (value.isPresent() && PLACEHOLDER.matcher(value.get()).matches()) {
            placeholders.add(key);
            return Optional.empty();
        }
        return value;
    }

    private Optional<String> firstNonBlank(String key) {
        for (ConfigSource source : config.getConfigSources()) {
            String raw;
            try {
                raw = source.getValue(key);
            } catch (RuntimeException unreadable) {
                continue;
            }
            if (raw != null && !raw.isBlank()) {
                return Optional.of(raw.strip());
            }
        }
        return Optional.empty();
    }

    private Optional<String> phoneNumber(String key) {
        Optional<String> raw = text(key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        PhoneNumbers.Parsed parsed = PhoneNumbers.parse(raw.get());
        if (parsed instanceof PhoneNumbers.Valid valid) {
            return Optional.of(valid.e164());
        }
        problems.add(key + ": " + ((PhoneNumbers.Invalid) parsed).message());
        return Optional.empty();
    }

    private URI requiredUrl(String key) {
        Optional<String> raw = text(key);
        if (raw.isEmpty()) {
            problems.add(key + " is required (an absolute http or https URL)");
            return URI.create("http://invalid.invalid");
        }
        return httpUrl(key, raw.get(), false).orElse(URI.create("http://invalid.invalid"));
    }

    /** An absolute http(s) URL; a base URL additionally has no query or fragment and loses its trailing slash. */
    private Optional<URI> httpUrl(String key, String value, boolean base) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            problems.add(key + " is not a valid URL: '" + printable(value) + "'");
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            problems.add(key + " must be an absolute http or https URL, got '" + printable(value) + "'");
            return Optional.empty();
        }
        if (uri.getUserInfo() != null) {
            problems.add(key + " must not contain a user name or password");
            return Optional.empty();
        }
        if (base) {
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problems.add(key + " must not have a query or fragment, got '" + printable(value) + "'");
                return Optional.empty();
            }
            String text = uri.toString();
            while (text.endsWith("/")) {
                text = text.substring(0, text.length() - 1);
            }
            uri = URI.create(text);
        }
        return Optional.of(uri);
    }

    private boolean bool(String key) {
        String raw = text(key).orElse("true").toLowerCase(Locale.ROOT);
        if (raw.equals("true") || raw.equals("false")) {
            return Boolean.parseBoolean(raw);
        }
        problems.add(key + " must be true or false, got '" + printable(raw) + "'");
        return true;
    }

    /** A comma-separated list of ISO 3166 country codes; empty when unset. */
    private Set<String> countries(String key) {
        Set<String> codes = new TreeSet<>();
        for (String part : text(key).orElse("").split(",")) {
            String code = part.strip().toUpperCase(Locale.ROOT);
            if (code.isEmpty()) {
                continue;
            }
            if (PhoneNumbers.isKnownRegion(code)) {
                codes.add(code);
            } else {
                problems.add(key + " contains '" + printable(code) + "', which is not an ISO 3166 country code with"
                        + " phone numbers");
            }
        }
        return codes;
    }

    /**
     * A comma-separated list of number classes to call on top of the default ones ({@link NumberClass}); empty when
     * unset. Classes that can never be allowed (premium-rate, shared-cost, unknown) are a problem, not ignored.
     */
    private Set<NumberClass> numberClasses(String key) {
        Set<NumberClass> classes = EnumSet.noneOf(NumberClass.class);
        for (String part : text(key).orElse("").split(",")) {
            String code = part.strip().toLowerCase(Locale.ROOT);
            if (code.isEmpty()) {
                continue;
            }
            Optional<NumberClass> numberClass = NumberClass.fromCode(code);
            if (numberClass.isEmpty()) {
                problems.add(key + " contains '" + printable(code) + "', which is not a number class; use any of "
                        + NumberClass.allowableCodes());
            } else if (numberClass.get().neverCalled()) {
                problems.add(key + " contains '" + code + "': " + code + " numbers are never called");
            } else if (numberClass.get().allowable()) {
                classes.add(numberClass.get());
            }
        }
        return classes;
    }

    private Duration millis(String key, long min, long max) {
        return Duration.ofMillis(number(key, min, max, "milliseconds"));
    }

    private Duration seconds(String key, long min, long max) {
        return Duration.ofSeconds(number(key, min, max, "seconds"));
    }

    private long number(String key, long min, long max, String unit) {
        Optional<String> raw = text(key);
        if (raw.isEmpty()) {
            problems.add(key + " is required (" + unit + ", " + min + " to " + max + ")");
            return min;
        }
        try {
            long value = Long.parseLong(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(key + " must be a whole number of " + unit + " from " + min + " to " + max + ", got '"
                + printable(raw.get()) + "'");
        return min;
    }

    /** Values echoed in messages are cut short and stripped of control characters (they end up in logs). */
    private static String printable(String value) {
        String cleaned = value.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 80 ? cleaned.substring(0, 80) + "..." : cleaned;
    }
}
