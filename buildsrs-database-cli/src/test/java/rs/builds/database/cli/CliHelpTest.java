package rs.builds.database.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempDatabaseExtension;

/** Help, --version, suggestions and global options as an operator meets them. */
@ExtendWith(TempDatabaseExtension.class)
class CliHelpTest {
    /** @return the newest migration's version, counted from the files in sql/migrations */
    static String latestMigration() {
        Pattern file = Pattern.compile("V([0-9]+)__.*\\.sql");
        try (Stream<Path> files = Files.list(Path.of("../sql/migrations"))) {
            return files.map(path -> file.matcher(path.getFileName().toString())).filter(Matcher::matches)
                    .map(match -> match.group(1)).max(Comparator.comparing(Integer::valueOf)).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void versionPrintsTheProjectAndSchemaVersions() {
        CliRun run = CliRun.run("--version");
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().matches("buildsrs-database [0-9]+\\.[0-9]+\\.[0-9]+(-SNAPSHOT)? \\(schema version "
                + latestMigration() + "\\)\n"), run.out());
    }

    @Test
    void everySubcommandsHelpSaysWhatItDoesInOneLine() {
        CliRun show = CliRun.run("crate", "show", "--help");
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.out().startsWith("Usage: buildsrs-database crate show [OPTIONS] NAME\n"
                + "show a crate and its versions\n"), show.out());
        CliRun group = CliRun.run("builder", "--help");
        assertTrue(group.out().startsWith("Usage: buildsrs-database builder [OPTIONS] SUBCOMMAND ...\n"
                + "register, configure, list and remove builders\n"), group.out());
    }

    @Test
    void anUnknownCommandSuggestsTheNearest() {
        CliRun top = CliRun.run("tagret", "list");
        assertEquals(Cli.USAGE, top.exit());
        assertEquals("", top.out());
        assertTrue(top.err().startsWith("ERROR: unknown command 'tagret' (did you mean 'target'?)\n"
                + "Usage: buildsrs-database [OPTIONS] COMMAND ...\n"), top.err());
        CliRun sub = CliRun.run("--data-dir", "/nonexistent", "crate", "shwo", "serde");
        assertEquals(Cli.USAGE, sub.exit());
        assertTrue(sub.err().startsWith("ERROR: unknown command 'crate shwo' (did you mean 'crate show'?)\n"
                + "Usage: buildsrs-database crate [OPTIONS] SUBCOMMAND ...\n"), sub.err());
        CliRun far = CliRun.run("frobnicate");
        assertTrue(far.err().startsWith("ERROR: unknown command 'frobnicate'\n"), far.err());
    }

    @Test
    void globalOptionsMayFollowTheCommand(TempDatabase database) {
        assertEquals(new CliRun(0, "NAME  ENABLED\n", ""),
                CliRun.run("target", "list", "--database-postgres", database.jdbcUrl()));
        CliRun.on(database, "crate", "add", "serde");
        CliRun json = CliRun.run("crate", "list", "--json", "--database-postgres", database.jdbcUrl(), "--verbose");
        assertEquals(0, json.exit(), json.err());
        assertEquals("[{\"name\":\"serde\",\"enabled\":true,\"priority\":0}]", json.json().toString());
    }

    @Test
    void dataDirMayFollowTheCommand(@TempDir Path dataDir) {
        CliRun run = CliRun.run("target", "list", "--data-dir", dataDir.toString());
        assertEquals(new CliRun(0, "NAME  ENABLED\n", "using the embedded PostgreSQL in " + dataDir
                + " (pass --database-postgres URL to use a server)\n"), run);
    }

    @Test
    void dataDirWithAServerIsRefused(TempDatabase database, @TempDir Path dataDir) {
        CliRun run = CliRun.on(database, "--data-dir", dataDir.toString(), "status");
        assertEquals(Cli.USAGE, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("ERROR: --data-dir is the embedded database's directory, but"
                + " --database-postgres (or DATABASE_POSTGRES) names a server: give one of them\n"), run.err());
    }

    @Test
    void theConnectionsHelpSaysWhatTheCliOpens() {
        String help = CliRun.run("--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--database-postgres-connections N : connection pool size, 1 to 1000 (env"
                + " DATABASE_POSTGRES_CONNECTIONS); this CLI opens at most 2 (default 2)"), help);
        assertFalse(help.contains("default 16"), help);
    }
}
