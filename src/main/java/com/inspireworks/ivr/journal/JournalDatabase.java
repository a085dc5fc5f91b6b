package com.inspireworks.ivr.journal;

import com.inspireworks.ivr.config.DatabaseSettings;
import com.inspireworks.ivr.config.SettingKeys;
import com.inspireworks.ivr.lifecycle.OwnThreads;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The journal's database, chosen once at start-up, in this order:
 * <ol>
 * <li>the container's DataSource {@code java:comp/env/jdbc/ivr} (web.xml's resource-ref; a Tomcat
 * {@code <Resource>} or a Payara JDBC resource), pooled by the container;</li>
 * <li>{@code ivr.db.url} with {@code ivr.db.user} / {@code ivr.db.password}, pooled by the application (HikariCP);
 * </li>
 * <li>the embedded default: an H2 file database in {@code ivr.data-dir}, by default
 * {@code ~/.inspireworks-ivr/<context>} in the home of the user the server runs as. Not the container's temporary
 * directory ({@code ServletContext.TEMPDIR}): Tomcat deletes a web application's work folder when it is undeployed,
 * and Payara Micro starts from a new temporary folder every time. H2 runs with {@code WRITE_DELAY=0}: each commit
 * is written to the file before the commit returns, so a committed call survives a killed JVM.</li>
 * </ol>
 *
 * @param dataSource where connections come from
 * @param description what the start-up log and errors say about it, never a password
 * @param closer releases the application's pool and the embedded database (nothing for the container's)
 */
record JournalDatabase(DataSource dataSource, String description, AutoCloseable closer) implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JournalDatabase.class.getName());
    static final String JNDI_NAME = "java:comp/env/jdbc/ivr";
    static final String HOME_FOLDER = ".inspireworks-ivr";
    static final String FILE_NAME = "journal";
    /** The application's own pool; HikariCP names its threads after it ("ivr-journal:housekeeper" ...). */
    static final String POOL_NAME = "ivr-journal";
    /** How long closing the pool waits for its threads to end. */
    static final java.time.Duration POOL_THREADS_WAIT = java.time.Duration.ofSeconds(5);
    /** The pool of the application-managed and embedded databases. */
    static final int POOL_SIZE = 10;
    /** A request never waits longer than this for a connection (requested() and ended() then answer 503). */
    static final long CONNECTION_TIMEOUT_MS = 3_000;

    JournalDatabase {
        Objects.requireNonNull(dataSource);
        Objects.requireNonNull(description);
        Objects.requireNonNull(closer);
    }

    static JournalDatabase choose(DatabaseSettings settings, String contextPath) {
        Optional<DataSource> container = containerDataSource();
        if (container.isPresent()) {
            // The container closes its pool; drivers of the WAR that DriverManager loaded meanwhile are ours to drop.
            return new JournalDatabase(container.get(), "the container's DataSource " + JNDI_NAME,
                    JournalDatabase::deregisterOwnDrivers);
        }
        if (settings.url().isPresent()) {
            return pooled(settings);
        }
        return embedded(settings.dataDir().orElseGet(() -> defaultDataDir(contextPath)));
    }

    /** {@code ~/.inspireworks-ivr/<context>}: ROOT for the root context, as Tomcat names it. */
    static Path defaultDataDir(String contextPath) {
        String name = contextPath == null || contextPath.isEmpty() || contextPath.equals("/") ? "ROOT"
                : contextPath.replaceFirst("^/", "").replace('/', '#');
        return Path.of(System.getProperty("user.home"), HOME_FOLDER, name);
    }

    /**
     * The container's DataSource, if one is really configured. Tomcat answers the web.xml resource-ref even when no
     * {@code <Resource>} is configured, with a DBCP pool that has no URL: that counts as not configured.
     */
    static Optional<DataSource> containerDataSource() {
        Object found;
        try {
            found = new InitialContext().lookup(JNDI_NAME);
        } catch (NamingException | RuntimeException notThere) {
            LOG.log(Level.FINE, "No " + JNDI_NAME, notThere);
            return Optional.empty();
        }
        if (!(found instanceof DataSource dataSource)) {
            return Optional.empty();
        }
        for (String getter : new String[] {"getUrl", "getJdbcUrl"}) {
            try {
                Method method = dataSource.getClass().getMethod(getter);
                Object url = method.invoke(dataSource);
                if (url == null || url.toString().isBlank()) {
                    LOG.fine(() -> JNDI_NAME + " has no URL: not configured");
                    return Optional.empty();
                }
                return Optional.of(dataSource);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not this kind of pool
            }
        }
        return Optional.of(dataSource);
    }

    static JournalDatabase pooled(DatabaseSettings settings) {
        String url = settings.url().orElseThrow();
        HikariConfig config = poolConfig(url);
        settings.user().ifPresent(config::setUsername);
        settings.password().ifPresent(password -> config.setPassword(password.reveal()));
        if (url.startsWith("jdbc:postgresql:")) {
            // A database that stops answering must fail the write, not hang the writer thread forever.
            config.addDataSourceProperty("connectTimeout", "5");
            config.addDataSourceProperty("socketTimeout", "60");
            config.addDataSourceProperty("tcpKeepAlive", "true");
            config.addDataSourceProperty("ApplicationName", "inspireworks-ivr");
            // The writer's batches as multi-row INSERTs: a third less of the server's CPU per stored step
            // (JournalStoreProfile: 43 -> 29 µs). A URL that sets it otherwise wins.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            config.setDriverClassName("org.postgresql.Driver");
        }
        HikariDataSource pool = start(config, SettingKeys.DB_URL + " = " + DatabaseSettings.printableUrl(url));
        return new JournalDatabase(pool, "PostgreSQL at " + DatabaseSettings.printableUrl(url) + " ("
                + SettingKeys.DB_URL + ")", () -> closePool(pool));
    }

    /** The embedded default: an H2 file database in PostgreSQL mode, crash-safe ({@code WRITE_DELAY=0}). */
    static JournalDatabase embedded(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException | RuntimeException e) {
            throw new JournalStartupException("The call journal cannot create its folder " + dir + " (" + e
                    + "). Set " + SettingKeys.DATA_DIR + " (IVR_DATA_DIR) to a writable folder, or configure a"
                    + " database (" + SettingKeys.DB_URL + " or the DataSource " + JNDI_NAME + ").", e);
        }
        Path file = dir.resolve(FILE_NAME).toAbsolutePath();
        String url = "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                // Each commit reaches the file before it returns (H2's default delay loses the last 500 ms on a
                // kill -9); no shutdown hook of H2's own: the application closes the database on undeploy.
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        HikariConfig config = poolConfig(url);
        config.setDriverClassName("org.h2.Driver");
        config.setUsername("ivr");
        config.setPassword("");
        HikariDataSource pool = start(config, "the embedded database " + file + ".mv.db");
        return new JournalDatabase(pool, "the embedded database " + file + ".mv.db (" + SettingKeys.DATA_DIR
                + "=" + dir + ")", () -> closePool(pool));
    }

    private static HikariConfig poolConfig(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName(POOL_NAME);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setValidationTimeout(2_000);
        return config;
    }

    private static HikariDataSource start(HikariConfig config, String what) {
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String message = String.valueOf(cause.getMessage());
            if (message.contains("already in use") || message.contains("Database may be already in use")) {
                message = "the database file is in use by another process (another IVR running with the same "
                        + SettingKeys.DATA_DIR + "?)";
            }
            throw new JournalStartupException("The call journal cannot open " + what + ": " + message, e);
        }
    }

    /**
     * Closes the pool. The embedded database closes itself with its last connection (H2's default DB_CLOSE_DELAY=0),
     * which also ends its background writer thread; an explicit SHUTDOWN first only made every pooled connection's
     * close fail into H2's trace file.
     */
    private static void closePool(HikariDataSource pool) {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        pool.close();
        // HikariCP's close() waits for its executors to terminate, not for their last threads to end: Tomcat's leak
        // check right after undeploy saw "ivr-journal:connection-closer" still running (the smoke test failed on it).
        List<Thread> left = OwnThreads.awaitEnd(OwnThreads.named(name -> name.startsWith(POOL_NAME + ":"),
                application), POOL_THREADS_WAIT);
        if (!left.isEmpty()) {
            LOG.warning(left.size() + " thread(s) of the journal's connection pool still running "
                    + POOL_THREADS_WAIT.toSeconds() + " s after it closed, e.g. " + left.get(0).getName());
        }
        deregisterOwnDrivers();
    }

    /**
     * JDBC drivers loaded from the WAR register themselves with {@link DriverManager}; left there they keep the
     * undeployed application's class loader alive (Tomcat reports it as a leak). Drivers of the server's own
     * libraries, and any loaded outside a web application (tests), are left alone.
     */
    private static void deregisterOwnDrivers() {
        ClassLoader ours = JournalDatabase.class.getClassLoader();
        if (ours == null || ours == ClassLoader.getSystemClassLoader()) {
            return;
        }
        // Twice: asking DriverManager which drivers this class loader may see loads each registered driver's class
        // through it, and when the server's lib/ holds the same driver as the WAR, that loads and registers the WAR's
        // copy (seen with the PostgreSQL driver in Tomcat's lib/ for a <Resource>). The second pass drops that one.
        for (int pass = 0; pass < 2; pass++) {
            for (Driver driver : Collections.list(DriverManager.getDrivers())) {
                if (driver.getClass().getClassLoader() == ours) {
                    try {
                        DriverManager.deregisterDriver(driver);
                    } catch (SQLException | RuntimeException e) {
                        LOG.log(Level.FINE, "Could not deregister " + driver, e);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Closing the journal's database failed", e);
        }
    }
}
