package com.inspireworks.ivr.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.descriptor.web.ContextEnvironment;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * The built WAR ({@code target/ivr.war}) running in an embedded Tomcat on loopback, configured the way operators
 * configure it: JNDI {@code <Environment>} entries. Used by the integration tests and by the run command.
 */
public final class EmbeddedIvr implements AutoCloseable {

    /** An operator (role ivr-operator) every embedded server knows; the password is obviously a test one. */
    public static final String OPERATOR = "operator";
    public static final String OPERATOR_PASSWORD = "operator-test-password";
    /** A signed-in user without the operator role. */
    public static final String AUDITOR = "auditor";
    public static final String AUDITOR_PASSWORD = "auditor-test-password";

    private final Tomcat tomcat;
    private final Context context;
    private final Path baseDir;
    private final int port;
    private final int webhookPort;
    private final String contextPath;

    private EmbeddedIvr(Tomcat tomcat, Context context, Path baseDir, int port, int webhookPort,
            String contextPath) {
        this.tomcat = tomcat;
        this.context = context;
        this.baseDir = baseDir;
        this.port = port;
        this.webhookPort = webhookPort;
        this.contextPath = contextPath;
    }

    /** The WAR the build produced; failsafe passes its path, a plain IDE run falls back to target/. */
    public static Path war() {
        String configured = System.getProperty("ivr.war");
        Path war = configured != null ? Path.of(configured) : Path.of("target", "ivr.war");
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException("No WAR at " + war.toAbsolutePath() + ": run `mvn package` first");
        }
        return war;
    }

    /**
     * Starts the WAR and returns once it is serving, or throws when the application failed to start.
     *
     * @param port 0 for any free port
     * @param contextPath "" for ROOT, or e.g. "/ivr"
     * @param jndi entries for {@code java:comp/env}
     */
    public static EmbeddedIvr start(int port, String contextPath, Map<String, String> jndi) {
        return on(port).contextPath(contextPath).jndi(jndi).start();
    }

    /** As {@link #start(int, String, Map)}, with the given password for {@link #OPERATOR}. */
    public static EmbeddedIvr start(int port, String contextPath, Map<String, String> jndi, String operatorPassword) {
        return on(port).contextPath(contextPath).jndi(jndi).operatorPassword(operatorPassword).start();
    }

    /**
     * As {@link #start(int, String, Map, String)}; with {@code behindTls} the connector is configured as behind a
     * TLS-terminating proxy (scheme https, secure), as operators configure Tomcat behind one.
     */
    public static EmbeddedIvr start(int port, String contextPath, Map<String, String> jndi, String operatorPassword,
            boolean behindTls) {
        Builder builder = on(port).contextPath(contextPath).jndi(jndi).operatorPassword(operatorPassword);
        return (behindTls ? builder.behindTls() : builder).start();
    }

    /** A server on this port (0: any free one), to be configured and started. */
    public static Builder on(int port) {
        return new Builder(port);
    }

    /** How to start an embedded server; everything but the port has a default. */
    public static final class Builder {
        private final int port;
        private String contextPath = "";
        private Map<String, String> jndi = Map.of();
        private String operatorPassword = OPERATOR_PASSWORD;
        private boolean behindTls;
        private int passwordIterations = TestRealm.QUICK_ITERATIONS;
        private Integer webhookPort;
        private Integer maxThreads;
        private Executor executor;
        private boolean keepJournal;

        private Builder(int port) {
            this.port = port;
        }

        /** "" for ROOT (the default), or e.g. "/ivr". */
        public Builder contextPath(String path) {
            this.contextPath = path;
            return this;
        }

        /** Entries for {@code java:comp/env}: the application's settings. */
        public Builder jndi(Map<String, String> entries) {
            this.jndi = Map.copyOf(entries);
            return this;
        }

        public Builder operatorPassword(String password) {
            this.operatorPassword = password;
            return this;
        }

        /** The connector as behind a TLS-terminating proxy (scheme https, secure). */
        public Builder behindTls() {
            this.behindTls = true;
            return this;
        }

        /**
         * Passwords hashed at the cost deploy/tomcat/ivr.xml sets (PBKDF2WithHmacSHA512, 210,000 iterations), so a
         * password check costs what it costs in production. Otherwise the same algorithm with fewer rounds.
         */
        public Builder deployedPasswordHashing() {
            this.passwordIterations = TestRealm.DEPLOYED_ITERATIONS;
            return this;
        }

        /**
         * A second connector, with its own worker threads, for Plivo's webhooks (0: any free port): the container
         * configuration deploy/README.md recommends so that nothing on the operators' connector, not even the
         * container's own login check, can take the webhooks' threads.
         */
        public Builder webhookConnector(int webhookPort) {
            this.webhookPort = webhookPort;
            return this;
        }

        /**
         * Worker threads of the main (operators') connector; Tomcat's default is 200. With a webhook connector of its
         * own, a small number keeps what operators (and the container's own login check) can run at once small.
         */
        public Builder maxThreads(int threads) {
            this.maxThreads = threads;
            return this;
        }

        /**
         * The main connector's worker threads come from {@code executor} instead of a pool of its own (so
         * {@link #maxThreads} does not apply): for a test that must decide how the container's threads and the
         * application's own interleave. The caller shuts it down after {@link EmbeddedIvr#close()}.
         */
        public Builder executor(Executor workers) {
            this.executor = workers;
            return this;
        }

        /**
         * Keeps the call journal where the application puts it by default (the home folder), as the run command does.
         * Otherwise, unless the entries name a database ({@code ivr.data-dir}, {@code ivr.db.url}), the journal's
         * embedded database goes into this server's temporary folder, deleted on {@link #close()}: tests never touch,
         * or lock, the developer's own journal.
         */
        public Builder keepJournal() {
            this.keepJournal = true;
            return this;
        }

        public EmbeddedIvr start() {
            return EmbeddedIvr.start(this);
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger SERVERS =
            new java.util.concurrent.atomic.AtomicInteger();

    private static EmbeddedIvr start(Builder options) {
        Path baseDir;
        try {
            baseDir = Files.createTempDirectory("ivr-tomcat");
            Files.createDirectories(baseDir.resolve("webapps"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        // Tomcat keys each application's JNDI context by engine, host and context path. Two servers of one JVM with
        // the same path would share that name: the second's java:comp/env is never built ("Context is read only"),
        // its settings are missing, and its journal went to the developer's home folder. One engine name each.
        tomcat.getEngine().setName("Tomcat-" + SERVERS.incrementAndGet());
        Connector connector = new Connector();
        connector.setPort(options.port);
        connector.setProperty("address", "127.0.0.1");
        if (options.maxThreads != null) {
            connector.setProperty("maxThreads", String.valueOf(options.maxThreads));
        }
        if (options.executor != null) {
            connector.getProtocolHandler().setExecutor(options.executor);
        }
        if (options.behindTls) {
            connector.setScheme("https");
            connector.setSecure(true);
        }
        tomcat.setConnector(connector);
        Connector webhooks = null;
        if (options.webhookPort != null) {
            webhooks = new Connector();
            webhooks.setPort(options.webhookPort);
            webhooks.setProperty("address", "127.0.0.1");
            tomcat.getService().addConnector(webhooks);
        }
        tomcat.getHost().setAppBase(baseDir.resolve("webapps").toString());
        tomcat.enableNaming();
        Context context = tomcat.addWebapp(options.contextPath, war().toAbsolutePath().toString());
        // Without this, Tomcat looks for its own classes (ServletDef ...) through the wrong loader under exec:java.
        context.setParentClassLoader(EmbeddedIvr.class.getClassLoader());
        // Scan only the WAR (as a real server does), not the test class path: the WAR must bring its own JSTL.
        if (context.getJarScanner() instanceof StandardJarScanner scanner) {
            scanner.setScanClassPath(false);
            scanner.setScanManifest(false);
        }
        context.setRealm(new TestRealm(
                Map.of(OPERATOR, options.operatorPassword, AUDITOR, AUDITOR_PASSWORD),
                Map.of(OPERATOR, List.of("ivr-operator"), AUDITOR, List.of("ivr-auditor")),
                options.passwordIterations));
        // As recommended in deploy/: the host's own error pages show neither report nor server version.
        ErrorReportValve errors = new ErrorReportValve();
        errors.setShowReport(false);
        errors.setShowServerInfo(false);
        tomcat.getHost().getPipeline().addValve(errors);
        Map<String, String> entries = new java.util.HashMap<>(options.jndi);
        if (!options.keepJournal && !entries.containsKey("ivr.data-dir") && !entries.containsKey("ivr.db.url")) {
            entries.put("ivr.data-dir", baseDir.resolve("journal").toAbsolutePath().toString());
        }
        entries.forEach((name, value) -> {
            ContextEnvironment entry = new ContextEnvironment();
            entry.setName(name);
            entry.setType(String.class.getName());
            entry.setValue(value);
            entry.setOverride(false);
            context.getNamingResources().addEnvironment(entry);
        });
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            stopQuietly(tomcat, baseDir);
            throw new IllegalStateException("Tomcat did not start", e);
        }
        if (context.getState() != LifecycleState.STARTED) {
            stopQuietly(tomcat, baseDir);
            throw new IllegalStateException("The IVR web application did not start (state " + context.getState()
                    + "): see the log above");
        }
        return new EmbeddedIvr(tomcat, context, baseDir, connector.getLocalPort(),
                webhooks == null ? -1 : webhooks.getLocalPort(), options.contextPath);
    }

    /** A loopback port that was free a moment ago, for a server whose public URL must be known before it starts. */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Base URL of the application, context path included, no trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port + contextPath;
    }

    public int port() {
        return port;
    }

    /** Base URL of the application on the webhook connector ({@link Builder#webhookConnector}). */
    public String webhookBaseUrl() {
        if (webhookPort < 0) {
            throw new IllegalStateException("started without a webhook connector");
        }
        return "http://127.0.0.1:" + webhookPort + contextPath;
    }

    /** Blocks until the server is stopped (the run command). */
    public void await() {
        tomcat.getServer().await();
    }

    @Override
    public void close() {
        stopQuietly(tomcat, baseDir);
    }

    private static void stopQuietly(Tomcat tomcat, Path baseDir) {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            // shutting down anyway
        }
        deleteTree(baseDir);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // temp files; the OS cleans up eventually
        }
    }

    Context context() {
        return context;
    }
}
