package com.inspireworks.ivr.config;

import java.util.Map;
import java.util.Set;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Reads settings from the web application's JNDI environment ({@code java:comp/env/<key>}), so operators can
 * configure the WAR with Tomcat {@code <Environment>} entries or Payara {@code env-entry}/custom resources.
 *
 * <p>Ordinal 250: below environment variables (300) and system properties (400), above the WAR's
 * {@code microprofile-config.properties} defaults (100). Look-ups are never cached and failures are silent: Payara
 * asks config sources for values on threads that have no {@code java:comp/env} at all (during deployment), and a
 * failed look-up there must neither log noise nor hide the value from a later look-up on a request thread.
 */
public final class JndiConfigSource implements ConfigSource {

    static final String PREFIX = "java:comp/env/";
    static final int ORDINAL = 250;

    @Override
    public Map<String, String> getProperties() {
        return Map.of();
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of();
    }

    @Override
    public String getValue(String propertyName) {
        if (propertyName == null || propertyName.isEmpty()) {
            return null;
        }
        try {
            Object value = new InitialContext().lookup(PREFIX + propertyName);
            return value == null ? null : value.toString();
        } catch (NamingException | RuntimeException notThere) {
            return null;
        }
    }

    @Override
    public String getName() {
        return "JNDI java:comp/env";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
