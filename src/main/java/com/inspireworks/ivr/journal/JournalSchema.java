package com.inspireworks.ivr.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Brings the journal's schema up to date with Flyway's migrations in {@code db/migration} (in the WAR), at start-up,
 * before anything reads or writes. Several instances may start at once: Flyway locks its history table. A database
 * that a newer release migrated is refused, with nothing changed: Flyway would only log a warning by default, and an
 * older release writing into a newer schema could lose or misread what the newer one stores.
 */
final class JournalSchema {

    private static final Logger LOG = Logger.getLogger(JournalSchema.class.getName());
    static final String LOCATION = "classpath:db/migration";

    private JournalSchema() {
    }

    /** Migrates; throws {@link JournalStartupException} with what to do when it cannot. */
    static void migrate(DataSource dataSource, String description) {
        migrate(dataSource, description, LOCATION);
    }

    static void migrate(DataSource dataSource, String description, String... locations) {
        Flyway flyway = Flyway.configure(JournalSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations(locations)
                .load();
        try {
            MigrationInfoService info = flyway.info();
            refuseNewer(info, description);
            int applied = flyway.migrate().migrationsExecuted;
            MigrationInfo current = flyway.info().current();
            String version = current == null ? "none" : current.getVersion().toString();
            LOG.info(() -> "Call journal schema at version " + version + (applied > 0 ? " (" + applied
                    + " migration(s) applied now)" : ""));
        } catch (FlywayException e) {
            throw new JournalStartupException("The call journal's schema could not be brought up to date in "
                    + description + ": " + e.getMessage(), e);
        }
    }

    private static void refuseNewer(MigrationInfoService info, String description) {
        List<String> unknown = new ArrayList<>();
        MigrationVersion known = MigrationVersion.EMPTY;
        for (MigrationInfo migration : info.all()) {
            MigrationState state = migration.getState();
            if (state == MigrationState.FUTURE_SUCCESS || state == MigrationState.FUTURE_FAILED) {
                unknown.add(migration.getVersion() + " (" + migration.getDescription() + ")");
            } else if (migration.getVersion() != null && migration.getVersion().isNewerThan(known)) {
                known = migration.getVersion();
            }
        }
        if (!unknown.isEmpty()) {
            throw new JournalStartupException("The call journal's database (" + description + ") was migrated by a"
                    + " newer release of InspireWorks IVR: it has schema version(s) " + String.join(", ", unknown)
                    + ", this release knows up to " + known + ". Nothing was changed. Deploy the newer release again"
                    + " (or a later one), or point this one at another database.");
        }
    }
}
