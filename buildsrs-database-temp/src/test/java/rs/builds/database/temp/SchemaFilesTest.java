package rs.builds.database.temp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import rs.builds.database.migrations.Migrations;
import rs.builds.database.migrations.Roles;

/**
 * {@code sql/schema.sql} and the generated blocks of {@code sql/README.md} are what a freshly migrated database
 * gives: the migrations of {@code sql/migrations}, then {@code sql/roles/roles.sql}, read back by
 * {@link LiveSchema}. On a difference the test fails with the first differing lines and the command that
 * regenerates the files; run with {@code -Dschema.update=true} it writes them instead (review the diff).
 */
@Tag("contract") // the files are the same on every supported major: checked with -Ppostgres-13 … -Ppostgres-18
class SchemaFilesTest {
    /** Regenerates sql/schema.sql and the generated blocks of sql/README.md. */
    static final String UPDATE_COMMAND = "mvn -B -q test -pl buildsrs-database-temp -am -Dtest=SchemaFilesTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dschema.update=true";
    private static final Path ROOT = Path.of(System.getProperty("project.root"));
    private static final Path SQL = ROOT.resolve("sql");
    private static final boolean UPDATE = Boolean.getBoolean("schema.update");

    private static TempDatabase migrated;
    private static LiveSchema live;

    @BeforeAll
    static void migrate() throws SQLException {
        migrated = TempDatabase.createBlank();
        Migrations.of(migrated.dataSource()).migrate();
        Roles.apply(migrated.dataSource());
        try (Connection connection = migrated.dataSource().getConnection()) {
            live = LiveSchema.read(connection);
        }
    }

    @AfterAll
    static void drop() {
        migrated.close();
    }

    @Test
    void schemaSqlIsWhatTheMigrationsMake() throws IOException {
        check(SQL.resolve("schema.sql"), schemaSql(live));
    }

    @Test
    void sqlReadmeMapsTheLiveSchema() throws IOException {
        Path readme = SQL.resolve("README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        check(readme, GeneratedText.replaceBlocks(text, SqlMap.read(live, SQL).blocks()));
    }

    /** What a migration that adds a column would do: the check fails, showing the column and the command. */
    @Test
    void aColumnTheFileDoesNotShowFailsTheCheck() throws Exception {
        try (TempDatabase changed = TempDatabase.create()) {
            Roles.apply(changed.dataSource());
            LiveSchema before;
            LiveSchema after;
            try (Connection connection = changed.dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                before = LiveSchema.read(connection);
                statement.execute("ALTER TABLE crates ADD COLUMN homepage text");
                after = LiveSchema.read(connection);
            }
            // another database, created another way (from the temp server's template), gives the same file
            assertEquals(schemaSql(live), schemaSql(before));
            Optional<String> difference = GeneratedText.difference("sql/schema.sql", schemaSql(before),
                    schemaSql(after));
            assertTrue(difference.isPresent(), "a new column went unnoticed");
            String message = failure("sql/schema.sql", difference.get());
            assertTrue(message.contains("+ ") && message.contains("    homepage text"), message);
            assertTrue(message.contains("-Dschema.update=true"), message);
            assertFalse(message.lines().count() > 2 * GeneratedText.SHOWN + 10, "the whole file shown:\n" + message);
        }
    }

    /** The file shows nothing of the database it was read from: its name, its owner, the server's version. */
    @Test
    void theFileNamesNothingOfTheDatabaseItWasReadFrom() {
        String text = schemaSql(live);
        assertFalse(text.contains(migrated.name()), "the database's name is in the file");
        assertFalse(text.contains(" TO " + migrated.user() + ";"), "a grant to the owner is in the file");
        assertFalse(text.contains("OWNER TO"), "owners are in the file");
    }

    @Test
    void theDiffShowsTheFirstDifferingLinesOnly() {
        String file = String.join("\n", java.util.Collections.nCopies(100, "same")) + "\nold\n"
                + String.join("\n", java.util.Collections.nCopies(100, "same")) + "\n";
        String generated = file.replace("old", "new");
        String difference = GeneratedText.difference("f", file, generated).orElseThrow();
        assertEquals("""
                f differs from what the database gives from line 101 (1 lines in the file, 1 generated):
                  100:  same
                - 101: old
                + 101: new
                """, difference);
        assertEquals(Optional.empty(), GeneratedText.difference("f", file.replace("\n", "\r\n"), file));
    }

    /** sql/schema.sql: a header saying what it is, then the live schema. */
    static String schemaSql(LiveSchema schema) {
        List<String> migrations;
        try {
            migrations = MigrationHistory.read(SQL.resolve("migrations")).files();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return SchemaSql.render(schema, List.of(
                "sql/schema.sql: the live schema of the buildsrs metadata database. GENERATED: do not edit.",
                "",
                "What a database holds after the migrations of sql/migrations (" + migrations.get(0) + " to "
                        + migrations.get(migrations.size() - 1) + ")",
                "and sql/roles/roles.sql (roles apply): schema public, read from PostgreSQL's catalogs with",
                "pg_get_functiondef, pg_get_indexdef, pg_get_constraintdef, pg_get_triggerdef and format_type by",
                "SchemaFilesTest (buildsrs-database-temp/src/test/java/rs/builds/database/temp/). The same on every",
                "supported PostgreSQL major (13 to 18) and operating system.",
                "",
                "The migrations are the source of truth: change the schema with a new migration (see sql/README.md),",
                "never here, then regenerate this file and the generated parts of sql/README.md:",
                "  " + UPDATE_COMMAND,
                "Every build compares this file with a freshly migrated database and fails on a difference.",
                "",
                "Left out: owners, OIDs, Flyway's table flyway_schema_history, extension versions and members, and",
                "the TOAST compression of job_logs.lines (V9 sets lz4 where the server has it).",
                "For reading, not for running: objects are grouped by kind and sorted by name, not in an order in",
                "which a database could create them. One function's live definition, e.g. job_claim's:",
                "  sed -n '/^CREATE OR REPLACE FUNCTION public.job_claim(/,/^\\$function\\$;/p' sql/schema.sql"));
    }

    private static void check(Path file, String generated) throws IOException {
        String name = ROOT.relativize(file).toString().replace('\\', '/');
        String checkedIn = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        Optional<String> difference = GeneratedText.difference(name, checkedIn, generated);
        if (difference.isEmpty()) {
            return;
        }
        if (UPDATE) {
            Files.writeString(file, generated, StandardCharsets.UTF_8);
            System.out.println("updated " + name + "; review the diff");
        } else {
            fail(failure(name, difference.get()));
        }
    }

    private static String failure(String name, String difference) {
        return difference + name + " is generated from the migrations: if a migration changed the schema, regenerate"
                + " it (and review the diff):\n  " + UPDATE_COMMAND;
    }
}
