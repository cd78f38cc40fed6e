package rs.builds.database.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import rs.builds.database.temp.TempDatabase;

/** A command on a database whose schema is not this CLI's says where it stands and what to run. */
class SchemaCheckTest {
    private static final String LATEST = CliHelpTest.latestMigration();

    @Test
    void aDatabaseNeverMigratedSaysToRunMigrate() {
        try (TempDatabase database = TempDatabase.createBlank()) {
            assertEquals(new CliRun(Cli.SCHEMA, "", "ERROR: the database has no buildsrs schema (it was never"
                    + " migrated): run 'buildsrs-database migrate' (with the same database options) to create it\n"),
                    CliRun.on(database, "target", "list"));
            assertEquals(Cli.SCHEMA, CliRun.on(database, "status").exit());
            CliRun roles = CliRun.on(database, "roles", "apply");
            assertEquals(Cli.SCHEMA, roles.exit(), roles.err());
            assertEquals("", roles.out());
            // migrate itself is what fixes it
            assertEquals(0, CliRun.on(database, "migrate").exit());
            assertEquals(new CliRun(0, "NAME  ENABLED\n", ""), CliRun.on(database, "target", "list"));
        }
    }

    @Test
    void aDatabaseBehindSaysItsVersionOfTheLatest() throws Exception {
        try (TempDatabase database = TempDatabase.create()) {
            String behind = String.valueOf(Integer.parseInt(LATEST) - 1);
            execute(database, "DELETE FROM flyway_schema_history WHERE version = '" + LATEST + "'");
            assertEquals(new CliRun(Cli.SCHEMA, "", "ERROR: the database's schema is at version " + behind + " of "
                    + LATEST + ": run 'buildsrs-database migrate' (with the same database options) to bring it up to"
                    + " date\n"), CliRun.on(database, "crate", "list"));
        }
    }

    @Test
    void aDatabaseNewerThanTheCliIsNamed() throws Exception {
        try (TempDatabase database = TempDatabase.create()) {
            String newer = String.valueOf(Integer.parseInt(LATEST) + 1);
            execute(database, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) SELECT max(installed_rank) + 1, '" + newer
                    + "', 'from the future', 'SQL', 'V" + newer + "__from_the_future.sql', 0, current_user, 0, true"
                    + " FROM flyway_schema_history");
            assertEquals(new CliRun(Cli.SCHEMA, "", "ERROR: the database's schema is at version " + newer + ", newer"
                    + " than this CLI knows (" + LATEST + "): use the CLI of the release that migrated it\n"),
                    CliRun.on(database, "job", "list"));
        }
    }

    private static void execute(TempDatabase database, String sql) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
