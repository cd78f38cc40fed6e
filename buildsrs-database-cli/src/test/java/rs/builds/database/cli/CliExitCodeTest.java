package rs.builds.database.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempDatabaseExtension;

/** Each kind of failure has its own exit code, so a script can tell a typo from a server that is down. */
@ExtendWith(TempDatabaseExtension.class)
class CliExitCodeTest {
    /** @return a URL on which nothing listens: any command that connected would fail with UNAVAILABLE */
    private static String nothingListening() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "postgres://u:hunter2@127.0.0.1:" + socket.getLocalPort() + "/d";
        }
    }

    private static void assertUsageError(String message, CliRun run) {
        assertEquals(Cli.USAGE, run.exit(), run.err());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("ERROR: " + message), run.err());
        assertTrue(run.err().contains("\nUsage: buildsrs-database "), run.err());
    }

    @Test
    void badOptionValuesAreUsageErrorsFoundBeforeConnecting() throws Exception {
        assertUsageError("unsupported database URL: expected postgres://, postgresql:// or jdbc:postgresql://",
                CliRun.run("--database-postgres", "not-a-url", "status"));
        String url = nothingListening();
        assertUsageError("unknown database kind 'mysql'; supported kinds: postgres",
                CliRun.run("--database", "mysql", "--database-postgres", url, "status"));
        assertUsageError("--database-postgres-connections must be a whole number from 1 to 1000 (got '0')",
                CliRun.run("--database-postgres-connections", "0", "--database-postgres", url, "status"));
        assertUsageError("--limit must be from 1 to 10000 (got 100000)",
                CliRun.run("--database-postgres", url, "crate", "list", "--limit", "100000"));
        assertUsageError("--database-postgres-connections must be a whole number from 1 to 1000 (got 'many')",
                CliRun.run(Map.of("DATABASE_POSTGRES_CONNECTIONS", "many", "DATABASE_POSTGRES", url), "status"));
    }

    @Test
    void notFoundConflictAndFailureHaveTheirOwnCodes(TempDatabase database, @TempDir Path dir) throws Exception {
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: target 'nope' does not exist\n"
                + "ERROR: 1 of 1 targets not removed\n"), CliRun.on(database, "target", "remove", "nope"));
        CliRun.on(database, "target", "add", "a");
        assertEquals(new CliRun(Cli.CONFLICT, "", "ERROR: target 'a' already exists\n"
                + "ERROR: 1 of 1 targets not added\n"), CliRun.on(database, "target", "add", "a"));
        // failures of different kinds: the plain failure code (a target with jobs stays; 'nope' does not exist)
        try (ClaimingBuilder builder = ClaimingBuilder.register(database, SshKey.generate(dir, "mixed"))) {
            builder.addVersions("serde", "1.0.0");
            builder.claim();
        }
        CliRun mixed = CliRun.on(database, "target", "remove", ClaimingBuilder.TARGET, "nope");
        assertEquals(Cli.FAILED, mixed.exit(), mixed.err());
        // a name that is not a target triple is a usage error, found before anything is added
        assertEquals(Cli.USAGE, CliRun.on(database, "target", "add", "b", "").exit());
    }

    @Test
    void anUnreachableServerIsUnavailable() throws Exception {
        CliRun run = CliRun.run("--database-postgres", nothingListening(), "migrate");
        assertEquals(Cli.UNAVAILABLE, run.exit(), run.err());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("ERROR: "), run.err());
        assertTrue(!run.err().contains("hunter2"), run.err());
    }

    @Test
    void anUnknownHostIsNamed() {
        CliRun run = CliRun.run("--database-postgres", "postgres://u:hunter2@no-such-host.invalid/d", "status");
        assertEquals(new CliRun(Cli.UNAVAILABLE, "", "ERROR: cannot connect to no-such-host.invalid:5432 (unknown host"
                + " 'no-such-host.invalid': check the host name in the database URL)\n"), run);
    }

    @Test
    void aDataDirThatIsAFileIsNamed(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "not a directory");
        CliRun run = CliRun.run("--data-dir", file.toString(), "status");
        assertEquals(Cli.USAGE, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("ERROR: the data directory " + file + " (--data-dir or BUILDSRS_DATA_DIR) is"
                + " a file, not a directory: name a directory, which is created if it does not exist\n"), run.err());
    }

    @Test
    void aRoleWithoutTheRightIsPermissionDenied(TempDatabase database) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE exit_code_reader LOGIN PASSWORD 'reader-secret'");
            statement.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO exit_code_reader");
        }
        String url = "postgres://exit_code_reader:reader-secret@" + database.host() + ":" + database.port() + "/"
                + database.name();
        assertEquals(new CliRun(0, "NAME  ENABLED  PRIORITY\n", ""), CliRun.run("--database-postgres", url, "crate",
                "list"));
        CliRun add = CliRun.run("--database-postgres", url, "crate", "add", "serde");
        assertEquals(Cli.PERMISSION_DENIED, add.exit(), add.err());
        // the message names the crate, so it is not named again
        assertTrue(add.err().startsWith("ERROR: the database role may not do this (adding crate 'serde')"), add.err());
        assertTrue(!add.err().contains("reader-secret"), add.err());
    }

    @Test
    void theReadmeHasTheHelpsExitCodeTable() throws Exception {
        StringBuilder table = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("../README.md"))) {
            if (line.matches("\\| [0-9]+ \\| .* \\|")) {
                String[] cells = line.split(" \\| ");
                table.append(String.format("  %-3s %s%n", cells[0].substring(2), cells[1].replaceAll(" \\|$", "")));
            }
        }
        String help = CliRun.run("--help").out();
        assertEquals(help.substring(help.indexOf("Exit codes:\n") + "Exit codes:\n".length()), table.toString());
    }

    @Test
    void helpListsEveryExitCode() {
        String help = CliRun.run("--help").out();
        assertTrue(help.contains("Exit codes:\n"
                + "  0   success\n"
                + "  1   failure of another kind (ERROR: on stderr says what), or items failing in different ways\n"
                + "  2   usage error: unknown command or option, missing argument, bad option value\n"
                + "  3   not found: a crate, version, builder, target, job or file named does not exist\n"
                + "  4   conflict: already exists, in use, or a checksum changed\n"
                + "  5   database unreachable: cannot connect, login refused, embedded server cannot start\n"
                + "  6   permission denied: the database role may not do this\n"
                + "  7   schema not migrated, or behind or newer than this CLI (run migrate)\n"), help);
    }
}
