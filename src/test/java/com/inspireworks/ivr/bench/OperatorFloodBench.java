package com.inspireworks.ivr.bench;

import com.inspireworks.ivr.support.EmbeddedIvr;
import com.inspireworks.ivr.support.OperatorFlood;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/flood.sh}: the flood of issue 10, item 1 against any build of the WAR, so that before and after can be
 * compared on the same machine. Starts the WAR in an embedded Tomcat on loopback with the realm deploy/ recommends
 * (PBKDF2WithHmacSHA512, 210,000 iterations), webhook signatures checked with a fake token, simulation mode, and
 * prints the latencies of signed webhooks and /health while the crowd runs.
 *
 * <pre>OperatorFloodBench WAR MIX CLIENTS SECONDS [SETUP]</pre>
 * MIX: application | basic | container-login (see {@link OperatorFlood.Mix}). SETUP: {@code one-connector} (the
 * default: everyone on Tomcat's default connector, 200 threads) or {@code own-connector} (Plivo on a connector of its
 * own, the operators' connector with 20 threads, as deploy/README.md recommends).
 */
public final class OperatorFloodBench {

    static final String TOKEN = "BenchFloodFakeAuthToken0123456789";

    private OperatorFloodBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: OperatorFloodBench WAR application|basic|container-login CLIENTS SECONDS"
                    + " [one-connector|own-connector]");
            System.exit(2);
        }
        Path war = Path.of(args[0]);
        if (!Files.isRegularFile(war)) {
            System.err.println("no WAR at " + war);
            System.exit(2);
        }
        System.setProperty("ivr.war", war.toAbsolutePath().toString());
        OperatorFlood.Mix mix = OperatorFlood.Mix.valueOf(args[1].toUpperCase(Locale.ROOT).replace('-', '_'));
        int clients = Integer.parseInt(args[2]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[3]));
        boolean ownConnector = args.length > 4 && args[4].equals("own-connector");

        int port = EmbeddedIvr.freePort();
        String base = "http://127.0.0.1:" + port + "/ivr";
        EmbeddedIvr.Builder builder = EmbeddedIvr.on(port).contextPath("/ivr").deployedPasswordHashing()
                .jndi(Map.of("ivr.public-url", base, "plivo.auth-token", TOKEN, "ivr.max-calls-per-minute", "10000",
                        "ivr.max-calls-per-hour", "1000000"));
        if (ownConnector) {
            builder.webhookConnector(0).maxThreads(20);
        }
        EmbeddedIvr ivr = builder.start();
        String webhooks = ownConnector ? ivr.webhookBaseUrl() : ivr.baseUrl();
        OperatorFlood.Result result = OperatorFlood.run(new OperatorFlood.Target(ivr.baseUrl(), webhooks, base,
                TOKEN, EmbeddedIvr.OPERATOR, EmbeddedIvr.OPERATOR_PASSWORD), mix, clients, duration);
        System.out.println("== " + war + ": " + args[1] + ", " + clients + " clients, " + duration.toSeconds()
                + " s, " + (ownConnector ? "Plivo on its own connector, 20 operator threads" : "one connector")
                + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        System.out.println(result);
        result.problems().stream().limit(5).forEach(problem -> System.out.println("  " + problem));
        System.out.flush();
        // At most a few seconds for a graceful stop: before the change, hundreds of queued password checks would keep
        // the CPU busy for minutes and spoil the next run.
        Thread stop = new Thread(ivr::close);
        stop.setDaemon(true);
        stop.start();
        stop.join(5_000);
        Runtime.getRuntime().halt(0);
    }
}
