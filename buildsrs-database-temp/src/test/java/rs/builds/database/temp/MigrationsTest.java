package rs.builds.database.temp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import rs.builds.database.migrations.MigrateResult;
import rs.builds.database.migrations.MigrationException;
import rs.builds.database.migrations.MigrationState;
import rs.builds.database.migrations.Migrations;

/** The migrations module against blank temp databases (tested here because it cannot depend on this module). */
@Tag("contract")
class MigrationsTest {
    private static final Set<String> TABLES = Set.of("pubkeys", "pubkey_fingerprints", "builders", "targets",
            "builder_targets", "crates", "crate_versions", "job_stages", "jobs", "job_logs", "job_artifacts",
            "job_artifact_downloads");

    /** Tables later migrations add for the job queue (see V2__job_queue.sql). */
    private static final Set<String> QUEUE_TABLES = Set.of("job_queue", "queue_settings",
            "job_queue_generation_due"); // V8__queue_races.sql

    /** The table of the registry sync's digests (see V5__sync_digests.sql). */
    private static final String SYNC_DIGESTS = "crate_sync_digests";

    @Test
    void migratingBlankDatabaseCreatesTheTwelveTablesTheQueueAndHistory() throws SQLException {
        try (TempDatabase database = TempDatabase.createBlank()) {
            MigrateResult result = Migrations.of(database.dataSource()).migrate();
            assertTrue(result.applied() >= 1, "applied " + result.applied());
            Set<String> expected = new TreeSet<>(TABLES);
            expected.addAll(QUEUE_TABLES);
            expected.add(SYNC_DIGESTS);
            expected.add("sync_bulk_loads"); // V11: first syncs into empty tables in progress (never committed)
            expected.add("flyway_schema_history");
            assertEquals(expected, new TreeSet<>(strings(database.dataSource(),
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                    + " AND table_type = 'BASE TABLE'")));
        }
    }

    @Test
    void jobStagesAreSeededInOrder() throws SQLException {
        try (TempDatabase database = TempDatabase.create()) {
            assertEquals(List.of("init", "fetch", "build", "upload"),
                    strings(database.dataSource(), "SELECT name FROM job_stages ORDER BY id"));
        }
    }

    @Test
    void migratingTwiceIsANoOp() {
        try (TempDatabase database = TempDatabase.createBlank()) {
            Migrations migrations = Migrations.of(database.dataSource());
            MigrateResult first = migrations.migrate();
            MigrateResult second = migrations.migrate();
            assertEquals(0, second.applied());
            assertEquals(first.version(), second.version());
            migrations.validate();
        }
    }

    @Test
    void infoReportsPendingThenApplied() {
        try (TempDatabase database = TempDatabase.createBlank()) {
            Migrations migrations = Migrations.of(database.dataSource());
            assertTrue(migrations.currentVersion().isEmpty());
            assertTrue(migrations.info().stream().allMatch(m -> m.state() == MigrationState.PENDING));
            MigrationException pending = assertThrows(MigrationException.class, migrations::validate);
            assertTrue(pending.getMessage().contains("run 'migrate'"), pending.getMessage());

            migrations.migrate();
            assertTrue(migrations.info().stream().allMatch(m -> m.state() == MigrationState.APPLIED
                    && m.installedOn() != null));
            assertEquals(migrations.info().get(migrations.info().size() - 1).version(),
                    migrations.currentVersion().orElseThrow());
        }
    }

    @Test
    void validateDetectsAChangedReleasedMigration() throws SQLException {
        try (TempDatabase database = TempDatabase.create()) {
            try (Connection connection = database.dataSource().getConnection()) {
                connection.createStatement().execute(
                        "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
            }
            MigrationException changed = assertThrows(MigrationException.class,
                    () -> Migrations.of(database.dataSource()).validate());
            assertTrue(changed.getMessage().contains("version 1"), changed.getMessage());
            assertTrue(changed.getMessage().toLowerCase().contains("checksum"), changed.getMessage());
        }
    }

    @Test
    void everyTableAndColumnIsDocumented() throws SQLException {
        try (TempDatabase database = TempDatabase.create()) {
            List<String> undocumented = strings(database.dataSource(), """
                    SELECT c.relname || coalesce('.' || a.attname, '')
                    FROM pg_class c
                    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
                    LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                    WHERE c.relkind = 'r' AND c.relname <> 'flyway_schema_history'
                      AND col_description(c.oid, coalesce(a.attnum, 0)) IS NULL
                      AND (a.attnum IS NOT NULL OR obj_description(c.oid, 'pg_class') IS NULL)
                    """);
            List<String> tablesWithoutComment = strings(database.dataSource(), """
                    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'flyway_schema_history'
                      AND obj_description(c.oid, 'pg_class') IS NULL
                    """);
            assertEquals(List.of(), undocumented);
            assertEquals(List.of(), tablesWithoutComment);
        }
    }

    static List<String> strings(DataSource source, String sql) throws SQLException {
        try (Connection connection = source.getConnection();
             var rows = connection.createStatement().executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
