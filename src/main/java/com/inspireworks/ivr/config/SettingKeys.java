package com.inspireworks.ivr.config;

/**
 * Every configuration key the application reads. MicroProfile Config maps each key to an environment variable by
 * upper-casing it and replacing {@code .} and {@code -} with {@code _} ({@code plivo.auth-id} → {@code PLIVO_AUTH_ID}).
 */
public final class SettingKeys {

    public static final String AUTH_ID = "plivo.auth-id";
    public static final String AUTH_TOKEN = "plivo.auth-token";
    public static final String PHONE_NUMBER = "plivo.phone-number";
    public static final String API_URL = "plivo.api-url";
    public static final String CONNECT_TIMEOUT = "plivo.connect-timeout-ms";
    public static final String READ_TIMEOUT = "plivo.read-timeout-ms";
    public static final String ASSOCIATE_NUMBER = "ivr.associate-number";
    public static final String PUBLIC_URL = "ivr.public-url";
    /** Followed by a language code: {@code ivr.audio-url.en} (see {@code Language.audioUrlKey()}). */
    public static final String AUDIO_URL_PREFIX = "ivr.audio-url.";
    public static final String CALL_TIME_LIMIT = "ivr.call-time-limit-seconds";
    public static final String MAIN_ACCOUNT_AUTH_TOKEN = "plivo.main-account-auth-token";
    public static final String VERIFY_SIGNATURES = "ivr.verify-signatures";
    public static final String MAX_CALLS_PER_MINUTE = "ivr.max-calls-per-minute";
    public static final String MAX_CALLS_PER_HOUR = "ivr.max-calls-per-hour";
    public static final String ALLOWED_COUNTRIES = "ivr.allowed-countries";
    /** Number classes called on top of fixed lines and mobiles, e.g. {@code satellite,personal} (phone.NumberClass). */
    public static final String ALLOWED_NUMBER_CLASSES = "ivr.allowed-number-classes";
    /** Operator requests (pages, API, simulator) served at once; more get 503 at once. Webhooks are not counted. */
    public static final String MAX_CONCURRENT_OPERATOR_REQUESTS = "ivr.max-concurrent-operator-requests";
    /** Sign-ins (each a PBKDF2 password check) run at once; more get 503 at once. */
    public static final String MAX_CONCURRENT_SIGN_INS = "ivr.max-concurrent-sign-ins";
    /** The call journal's database, when no container DataSource java:comp/env/jdbc/ivr is configured. */
    public static final String DB_URL = "ivr.db.url";
    public static final String DB_USER = "ivr.db.user";
    public static final String DB_PASSWORD = "ivr.db.password";
    /** Folder of the embedded default database (used when neither a DataSource nor ivr.db.url is configured). */
    public static final String DATA_DIR = "ivr.data-dir";
    public static final String JOURNAL_RETENTION_DAYS = "ivr.journal.retention-days";

    private SettingKeys() {
    }
}
