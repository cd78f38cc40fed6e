package rs.builds.database.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempDatabaseExtension;

@ExtendWith(TempDatabaseExtension.class)
@Tag("contract")
class CliTest {
    @Test
    void migrateAppliesOnceThenReportsNothingToDo() {
        try (TempDatabase database = TempDatabase.createBlank()) {
            CliRun first = CliRun.run("--database-postgres", database.jdbcUrl(), "migrate");
            assertEquals(new CliRun(0, "schema version 15 (applied 15 migrations)\n", ""), first);
            CliRun second = CliRun.run("--database-postgres", database.jdbcUrl(), "migrate");
            assertEquals(new CliRun(0, "schema version 15 (applied 0 migrations)\n", ""), second);
        }
    }

    @Test
    void migrateInfoAndValidateReportState() {
        try (TempDatabase database = TempDatabase.createBlank()) {
            CliRun pending = CliRun.run("--database-postgres", database.jdbcUrl(), "migrate", "info");
            assertEquals(0, pending.exit(), pending.err());
            assertTrue(pending.out().matches("(?s)VERSION +DESCRIPTION +STATE +INSTALLED\n1 +schema +Pending\n2 +job queue +Pending\n3 +trigger functions as owner +Pending\n4 +claim after last claim +Pending\n5 +sync digests +Pending\n6 +crate search +Pending\n7 +sync digest holes +Pending\n8 +queue races +Pending\n9 +compact logs and retention +Pending\n10 +names +Pending\n11 +sync into empty tables +Pending\n12 +sync into empty faster +Pending\n13 +one home per rule +Pending\n14 +claims skip the version index +Pending\n15 +claim one row +Pending\n"),
                    pending.out());
            CliRun invalid = CliRun.run("--database-postgres", database.jdbcUrl(), "migrate", "validate");
            assertEquals(1, invalid.exit());
            assertTrue(invalid.err().startsWith("ERROR: the database does not match"), invalid.err());
            assertEquals("", invalid.out());

            CliRun.run("--database-postgres", database.jdbcUrl(), "migrate");
            CliRun valid = CliRun.run("--database-postgres", database.jdbcUrl(), "migrate", "validate");
            assertEquals(new CliRun(0, "migrations valid; schema version 15\n", ""), valid);
        }
    }

    @Test
    void crateAddThenShow(TempDatabase database) {
        assertEquals(new CliRun(0, "serde\ntokio\n", ""),
                CliRun.run("--database-postgres", database.jdbcUrl(), "crate", "add", "serde", "tokio"));
        assertEquals(new CliRun(0, "NAME   ENABLED  PRIORITY\nserde  true     0\n\nVERSION  CHECKSUM  YANKED\n", ""),
                CliRun.run("--database-postgres", database.jdbcUrl(), "crate", "show", "serde"));
    }

    @Test
    void crateAddKeepsGoingPastABadItemAndFails(TempDatabase database) {
        CliRun.run("--database-postgres", database.jdbcUrl(), "crate", "add", "serde");
        // 'Serde' is serde's name but for case: a conflict naming the crate that exists
        CliRun run = CliRun.run("--database-postgres", database.jdbcUrl(), "crate", "add", "a", "Serde", "b");
        assertEquals(new CliRun(Cli.CONFLICT, "a\nb\n", "ERROR: crate 'Serde' is crate 'serde', which exists: crate"
                + " names are unique ignoring case and '-'/'_', as on crates.io\nERROR: 1 of 3 crates not added\n"), run);
        // a name crates.io would not take is a usage error, found before anything is added
        CliRun bad = CliRun.run("--database-postgres", database.jdbcUrl(), "crate", "add", "c", "my crate");
        assertEquals(Cli.USAGE, bad.exit(), bad.err());
        assertTrue(bad.err().startsWith("ERROR: crate name 'my crate' has ' ' (U+0020) at index 2: "), bad.err());
        assertEquals(Cli.NOT_FOUND, CliRun.run("--database-postgres", database.jdbcUrl(), "crate", "show", "c").exit());
    }

    @Test
    void unknownCrateIsAnErrorWithoutStackTrace(TempDatabase database) {
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: crate 'nope' does not exist\n"),
                CliRun.run("--database-postgres", database.jdbcUrl(), "crate", "show", "nope"));
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun run = CliRun.run("frobnicate");
        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("ERROR: "), run.err());
        assertTrue(run.err().contains("Usage: buildsrs-database"), run.err());
    }

    @Test
    void missingArgumentIsAUsageError() {
        CliRun run = CliRun.run("crate", "show");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("NAME"), run.err());
    }

    @Test
    void helpOnEveryLevelGoesToStdout() {
        CliRun top = CliRun.run("--help");
        assertEquals(0, top.exit());
        assertTrue(top.out().contains("--database-postgres URL"), top.out());
        assertTrue(top.out().contains("migrate "), top.out());
        CliRun crate = CliRun.run("crate", "--help");
        assertEquals(0, crate.exit());
        assertTrue(crate.out().contains("show "), crate.out());
        CliRun show = CliRun.run("crate", "show", "--help");
        assertEquals(0, show.exit());
        assertTrue(show.out().startsWith("Usage: buildsrs-database crate show [OPTIONS] NAME\n"), show.out());
        assertTrue(show.out().contains("crate name"), show.out());
        assertFalse(show.out().contains("(default: true)"), show.out());
        assertEquals("", top.err() + crate.err() + show.err());
    }

    @Test
    void noCommandIsAUsageErrorListingTheCommands() {
        CliRun run = CliRun.run();
        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("ERROR: Argument \"COMMAND\" is required\n"
                + "Usage: buildsrs-database [OPTIONS] COMMAND ...\n"), run.err());
        assertTrue(run.err().contains("\nCommands:\n  migrate "), run.err());
    }

    @Test
    void unknownSubCommandShowsTheGroupsUsage() {
        CliRun run = CliRun.run("target", "frobnicate");
        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("ERROR: unknown command 'target frobnicate'\n"
                + "Usage: buildsrs-database target [OPTIONS] SUBCOMMAND ...\n"), run.err());
        assertTrue(run.err().contains("\nSub-commands:\n  add "), run.err());
    }

    @Test
    void badUrlFailsWithoutShowingThePassword() {
        CliRun run = CliRun.run("--database-postgres", "postgres://admin:hunter2@host:port/db", "migrate");
        assertEquals(Cli.USAGE, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("ERROR: malformed database URL"), run.err());
        assertFalse(run.err().contains("hunter2"), run.err());
    }

    @Test
    void unreachableServerFailsFast() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRun run = CliRun.run(Map.of("DATABASE_POSTGRES", "postgres://u:hunter2@127.0.0.1:" + port + "/d"),
                "crate", "show", "serde");
        assertEquals(Cli.UNAVAILABLE, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("ERROR: cannot connect to 127.0.0.1:" + port), run.err());
        assertFalse(run.err().contains("hunter2"), run.err());
    }

    @Test
    void embeddedDefaultKeepsDataBetweenInvocations(@TempDir Path dataDir) {
        CliRun migrate = CliRun.run("--data-dir", dataDir.toString(), "migrate");
        assertEquals(0, migrate.exit(), migrate.err());
        assertEquals("schema version 15 (applied 15 migrations)\n", migrate.out());
        assertTrue(migrate.err().contains("using the embedded PostgreSQL in " + dataDir), migrate.err());
        assertEquals(0, CliRun.run(Map.of("BUILDSRS_DATA_DIR", dataDir.toString()), "crate", "add", "rand").exit());
        CliRun show = CliRun.run("--data-dir", dataDir.toString(), "crate", "show", "rand");
        assertEquals(0, show.exit(), show.err());
        assertEquals("NAME  ENABLED  PRIORITY\nrand  true     0\n\nVERSION  CHECKSUM  YANKED\n", show.out());
    }

    @Test
    void theDefaultDataDirFollowsXdgDataHomeThenHome(@TempDir Path home) {
        // the environment's HOME, not Java's user.home (the account's home in the password database)
        assertEquals(home.resolve(".local/share/buildsrs-database"),
                Cli.defaultDataDir(Map.of("HOME", home.toString())::get));
        assertEquals(home.resolve("xdg/buildsrs-database"),
                Cli.defaultDataDir(Map.of("HOME", "/elsewhere", "XDG_DATA_HOME", home.resolve("xdg").toString())::get));
        // the XDG rules: a relative XDG_DATA_HOME is invalid and ignored
        assertEquals(home.resolve(".local/share/buildsrs-database"),
                Cli.defaultDataDir(Map.of("HOME", home.toString(), "XDG_DATA_HOME", "relative")::get));
        assertEquals(Path.of(System.getProperty("user.home"), ".local/share/buildsrs-database"),
                Cli.defaultDataDir(Map.<String, String>of()::get));
    }

    @Test
    void migrateWithoutADataDirWritesUnderHome(@TempDir Path home) {
        Path dataDir = home.resolve(".local/share/buildsrs-database");
        CliRun migrate = CliRun.run(Map.of("HOME", home.toString()), "migrate");
        assertEquals(new CliRun(0, "schema version 15 (applied 15 migrations)\n", "using the embedded PostgreSQL in "
                + dataDir + " (pass --database-postgres URL to use a server)\n"), migrate);
        assertTrue(Files.exists(dataDir.resolve("postgres/PG_VERSION")));
    }

    @Test
    void rolesApplyCreatesTheServiceRoles(TempDatabase database) {
        CliRun run = CliRun.run("--database-postgres", database.jdbcUrl(), "roles", "apply");
        assertEquals(new CliRun(0, "buildsrs_backend\nbuildsrs_registry_sync\nbuildsrs_admin\n", ""), run);
        assertEquals(run, CliRun.run("--database-postgres", database.jdbcUrl(), "roles", "apply"), "idempotent");
    }
}
