package com.inspireworks.ivr.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The journal's database settings: read, validated, the password masked. */
class DatabaseSettingsTest {

    private static DatabaseSettings read(Map<String, String> values) {
        return SettingsReader.read(SettingsReaderTest.config(values), "/ivr").database();
    }

    @Test
    void nothingSetMeansTheEmbeddedDefaultForNinetyDays() {
        DatabaseSettings settings = read(Map.of());
        assertEquals(Optional.empty(), settings.url());
        assertEquals(Optional.empty(), settings.dataDir());
        assertEquals(90, settings.retentionDays());
    }

    @Test
    void aPostgresUrlWithUserAndPasswordAndAFolder() {
        DatabaseSettings settings = read(Map.of("ivr.db.url", "jdbc:postgresql://db.internal:5432/ivr",
                "ivr.db.user", "ivr", "ivr.db.password", "s3cret-pass", "ivr.data-dir", "/var/lib/ivr/../ivr",
                "ivr.journal.retention-days", "30"));
        assertEquals(Optional.of("jdbc:postgresql://db.internal:5432/ivr"), settings.url());
        assertEquals("s3cret-pass", settings.password().orElseThrow().reveal());
        assertFalse(settings.toString().contains("s3cret-pass"), "masked: " + settings);
        assertEquals(Optional.of(Path.of("/var/lib/ivr")), settings.dataDir());
        assertEquals(30, settings.retentionDays());
    }

    @Test
    void emptyValuesAreUnset() {
        Map<String, String> values = new HashMap<>(Map.of("ivr.db.url", "", "ivr.db.user", " ", "ivr.data-dir", ""));
        assertEquals(Optional.empty(), read(values).url());
    }

    @Test
    void everyMistakeIsNamedOnceWithoutThePassword() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> read(Map.of(
                "ivr.db.url", "jdbc:mysql://db/ivr?password=hunter22", "ivr.data-dir", "relative/dir",
                "ivr.journal.retention-days", "0")));
        assertEquals(3, e.problems().size(), e.problems().toString());
        assertTrue(e.getMessage().contains("ivr.db.url must be a PostgreSQL JDBC URL"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter22"), "a password in the URL is never shown");
        assertTrue(e.getMessage().contains("ivr.data-dir must be an absolute path"), e.getMessage());
        assertTrue(e.getMessage().contains("ivr.journal.retention-days"), e.getMessage());

        InvalidSettingsException orphan = assertThrows(InvalidSettingsException.class,
                () -> read(Map.of("ivr.db.password", "s3cret-pass")));
        assertTrue(orphan.getMessage().contains("ivr.db.password is set but ivr.db.url is not"));
        assertFalse(orphan.getMessage().contains("s3cret-pass"));
    }

    @Test
    void printableUrlsCarryNoCredentials() {
        assertEquals("jdbc:postgresql://db:5432/ivr",
                DatabaseSettings.printableUrl("jdbc:postgresql://db:5432/ivr?user=ivr&password=x"));
        assertEquals("jdbc:postgresql://db/ivr", DatabaseSettings.printableUrl("jdbc:postgresql://ivr:x@db/ivr"));
        assertEquals("jdbc:h2:file:/data/journal", DatabaseSettings.printableUrl("jdbc:h2:file:/data/journal;PASSWORD=x"));
    }
}
