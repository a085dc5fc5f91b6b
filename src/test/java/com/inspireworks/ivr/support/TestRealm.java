package com.inspireworks.ivr.support;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.apache.catalina.realm.GenericPrincipal;
import org.apache.catalina.realm.RealmBase;

/** An in-memory user list for the embedded server, standing in for tomcat-users.xml or LDAP. */
final class TestRealm extends RealmBase {

    private final Map<String, String> passwords;
    private final Map<String, List<String>> roles;

    TestRealm(Map<String, String> passwords, Map<String, List<String>> roles) {
        this.passwords = Map.copyOf(passwords);
        this.roles = Map.copyOf(roles);
    }

    @Override
    protected String getPassword(String username) {
        return passwords.get(username);
    }

    @Override
    protected Principal getPrincipal(String username) {
        return new GenericPrincipal(username, roles.getOrDefault(username, List.of()));
    }
}
