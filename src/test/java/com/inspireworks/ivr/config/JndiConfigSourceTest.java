package com.inspireworks.ivr.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class JndiConfigSourceTest {

    @Test
    void ranksBetweenEnvironmentVariablesAndTheWarsDefaults() {
        assertEquals(250, new JndiConfigSource().getOrdinal());
    }

    @Test
    void withoutAJndiContextItIsQuietlyEmpty() {
        JndiConfigSource source = new JndiConfigSource();
        assertNull(source.getValue("plivo.auth-id"));
        assertNull(source.getValue(""));
        assertNull(source.getValue(null));
        assertEquals(0, source.getPropertyNames().size());
    }
}
