package rs.builds.database.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.temp.TempDatabase;

/**
 * Runs the packaged jars as real JVMs: on the module path (proving the module descriptors, the opens to Jdbi
 * and args4j, Jackson's modules, and the resource folders Flyway and the SQL locator read) and as the runnable jar.
 */
class CliModulePathIT {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private static List<String> modulePath() throws Exception {
        String moduleJar = System.getProperty("cli.module.jar");
        String modulesDir = System.getProperty("cli.modules.dir");
        return List.of(JAVA, "--module-path", moduleJar + File.pathSeparator + modulesDir,
                "--module", "rs.builds.database.cli/rs.builds.database.cli.Main");
    }

    private static CliRun launch(List<String> command, String... args) throws Exception {
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of(args));
        Path out = Files.createTempFile("cli-out", ".txt");
        Path err = Files.createTempFile("cli-err", ".txt");
        try {
            Process process = new ProcessBuilder(full).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + full);
            }
            return new CliRun(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void migratesAndRoundTripsACrateOnTheModulePath() throws Exception {
        try (TempDatabase database = TempDatabase.createBlank()) {
            List<String> cli = modulePath();
            assertEquals(new CliRun(0, "schema version 3 (applied 3 migrations)\n", ""),
                    launch(cli, "--database-postgres", database.jdbcUrl(), "migrate"));
            assertEquals(new CliRun(0, "serde\n", ""),
                    launch(cli, "--database-postgres", database.jdbcUrl(), "crate", "add", "serde"));
            assertEquals(new CliRun(0, "NAME   ENABLED\nserde  true\n\nVERSION  CHECKSUM  YANKED\n", ""),
                    launch(cli, "--database-postgres", database.jdbcUrl(), "crate", "show", "serde"));
            // the crate group's own sub-command handler, made by args4j on the module path, reads -1 as a number
            assertEquals(new CliRun(0, "serde\n", ""),
                    launch(cli, "--database-postgres", database.jdbcUrl(), "crate", "priority", "serde", "-1"));
            CliRun status = launch(cli, "--database-postgres", database.jdbcUrl(), "status", "--json");
            assertEquals(0, status.exit(), status.err());
            assertEquals("", status.err());
            assertEquals("3", status.json().get("schemaVersion").textValue());
            assertEquals(1, status.json().get("crates").longValue());
        }
    }

    @Test
    void addsABuilderAndListsItAsJsonOnTheModulePath(@TempDir Path keys) throws Exception {
        SshKey key = SshKey.generate(keys, "builder");
        try (TempDatabase database = TempDatabase.create()) {
            List<String> cli = modulePath();
            CliRun add = launch(cli, "--database-postgres", database.jdbcUrl(), "builder", "add", key.pub(),
                    "--comment", "module path");
            assertEquals(0, add.exit(), add.err());
            assertEquals("", add.err());
            String uuid = add.out().strip();

            CliRun list = launch(cli, "--database-postgres", database.jdbcUrl(), "builder", "list", "--json");
            assertEquals(0, list.exit(), list.err());
            assertEquals("", list.err());
            JsonNode builders = list.json();
            assertEquals(1, builders.size(), list.out());
            assertEquals(uuid, builders.get(0).get("uuid").textValue());
            assertEquals("module path", builders.get(0).get("comment").textValue());
            assertEquals(false, builders.get(0).get("enabled").booleanValue());
            assertTrue(builders.get(0).get("publicKey").textValue().startsWith("ssh-ed25519 "), list.out());
        }
    }

    @Test
    void runnableJarUsesTheEmbeddedDefault() throws Exception {
        Path dataDir = Files.createTempDirectory("cli-data");
        try {
            List<String> cli = List.of(JAVA, "-jar", System.getProperty("cli.shaded.jar"));
            CliRun migrate = launch(cli, "--data-dir", dataDir.toString(), "migrate");
            assertEquals(0, migrate.exit(), migrate.err());
            assertEquals("schema version 3 (applied 3 migrations)\n", migrate.out());
            assertEquals(0, launch(cli, "--data-dir", dataDir.toString(), "crate", "add", "rand").exit());
            assertEquals(new CliRun(1, "", "using the embedded PostgreSQL in " + dataDir
                    + " (pass --database-postgres URL to use a server)\nERROR: crate 'nope' does not exist\n"),
                    launch(cli, "--data-dir", dataDir.toString(), "crate", "show", "nope"));
        } finally {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }
}
