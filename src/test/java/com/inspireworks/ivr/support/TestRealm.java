package com.inspireworks.ivr.support;

import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.catalina.realm.GenericPrincipal;
import org.apache.catalina.realm.RealmBase;
import org.apache.catalina.realm.SecretKeyCredentialHandler;

/**
 * An in-memory user list for the embedded server, standing in for tomcat-users.xml or LDAP. Passwords are stored
 * and checked as deploy/tomcat/ivr.xml recommends: PBKDF2WithHmacSHA512 with a 16-byte salt and a 256-bit key,
 * through Tomcat's own {@link SecretKeyCredentialHandler}. {@link #DEPLOYED_ITERATIONS} is the cost deploy/ sets
 * (what the flood and sign-in tests use); most tests use fewer rounds of the same algorithm to stay quick.
 */
final class TestRealm extends RealmBase {

    /** As deploy/tomcat/ivr.xml: iterations="210000". */
    static final int DEPLOYED_ITERATIONS = 210_000;
    /** Same algorithm, a fraction of the cost: for tests about behaviour, not about what a sign-in costs. */
    static final int QUICK_ITERATIONS = 1_000;

    private final Map<String, String> hashes = new HashMap<>();
    private final Map<String, List<String>> roles;

    TestRealm(Map<String, String> passwords, Map<String, List<String>> roles, int iterations) {
        SecretKeyCredentialHandler handler;
        try {
            handler = new SecretKeyCredentialHandler();
            handler.setAlgorithm("PBKDF2WithHmacSHA512");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        handler.setIterations(iterations);
        handler.setKeyLength(256);
        handler.setSaltLength(16);
        setCredentialHandler(handler);
        passwords.forEach((user, password) -> hashes.put(user, handler.mutate(password)));
        this.roles = Map.copyOf(roles);
    }

    @Override
    protected String getPassword(String username) {
        return hashes.get(username);
    }

    @Override
    protected Principal getPrincipal(String username) {
        return new GenericPrincipal(username, roles.getOrDefault(username, List.of()));
    }
}
