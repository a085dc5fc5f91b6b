package com.inspireworks.ivr;

import com.inspireworks.ivr.support.EmbeddedIvr;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The README's run command: {@code mvn -q package -DskipTests exec:java} serves {@code target/ivr.war} on
 * http://localhost:8080/ in an embedded Tomcat. Configuration comes from environment variables or {@code -D}
 * system properties (see the README); with none, the app starts and the form explains what is missing for calls.
 * The call journal uses its embedded default (kept in the home folder across restarts) unless configured.
 */
public final class DevServer {

    private DevServer() {
    }

    /** A fresh password per start, so that the local demo login never becomes a well-known one. */
    private static String randomPassword() {
        byte[] bytes = new byte[9];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        String password = System.getenv().getOrDefault("IVR_DEMO_PASSWORD", randomPassword());
        try (EmbeddedIvr ivr = EmbeddedIvr.on(port).operatorPassword(password).keepJournal().start()) {
            System.out.println();
            System.out.println("InspireWorks IVR is running: http://localhost:" + port + "/");
            System.out.println("  local demo login: " + EmbeddedIvr.OPERATOR + " / " + password
                    + "   (set IVR_DEMO_PASSWORD to choose it)");
            System.out.println("  health: http://localhost:" + port + "/health   stop: Ctrl+C");
            ivr.await();
        }
    }
}
