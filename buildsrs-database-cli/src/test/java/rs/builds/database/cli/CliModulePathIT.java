package rs.builds.database.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
        return launch(Map.of(), command, args);
    }

    private static CliRun launch(Map<String, String> environment, List<String> command, String... args)
            throws Exception {
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of(args));
        Path out = Files.createTempFile("cli-out", ".txt");
        Path err = Files.createTempFile("cli-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(full).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
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
            assertEquals(new CliRun(0, "schema version 15 (applied 15 migrations)\n", ""),
                    launch(cli, "--database-postgres", database.jdbcUrl(), "migrate"));
            assertEquals(new CliRun(0, "serde\n", ""),
                    launch(cli, "--database-postgres", database.jdbcUrl(), "crate", "add", "serde"));
            assertEquals(new CliRun(0, "NAME   ENABLED  PRIORITY\nserde  true     0\n\n"
                    + "VERSION  CHECKSUM  YANKED\n", ""),
                    launch(cli, "--database-postgres", database.jdbcUrl(), "crate", "show", "serde"));
            // the crate group's own sub-command handler, made by args4j on the module path, reads -1 as a number
            assertEquals(new CliRun(0, "serde\n", ""),
                    launch(cli, "--database-postgres", database.jdbcUrl(), "crate", "priority", "serde", "-1"));
            CliRun status = launch(cli, "--database-postgres", database.jdbcUrl(), "status", "--json");
            assertEquals(0, status.exit(), status.err());
            assertEquals("", status.err());
            assertEquals("15", status.json().get("schemaVersion").textValue());
            assertEquals(1, status.json().get("crates").longValue());
        }
    }

    @Test
    void versionReadsItsResourcesOnTheModulePathAndFromTheRunnableJar() throws Exception {
        // version.properties is in a package of the CLI's module; the migrations are listed in their own jar
        String expected = "buildsrs-database [0-9]+\\.[0-9]+\\.[0-9]+(-SNAPSHOT)? \\(schema version "
                + CliHelpTest.latestMigration() + "\\)\n";
        for (List<String> cli : List.of(modulePath(), List.of(JAVA, "-jar", System.getProperty("cli.shaded.jar")))) {
            CliRun version = launch(cli, "--version");
            assertEquals(0, version.exit(), version.err());
            assertEquals("", version.err());
            assertTrue(version.out().matches(expected), version.out());
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
    void printsUtf8WhateverTheLocale() throws Exception {
        try (TempDatabase database = TempDatabase.create()) {
            try (var connection = database.dataSource().getConnection();
                 var statement = connection.createStatement()) {
                // a builder's comment: crate and target names are ASCII
                statement.execute("WITH k AS (INSERT INTO pubkeys (encoded) VALUES ('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA"
                        + "IBrCpbdLoKzYiEUJ0b7jTdmZVTqjQe0qRdo8qbq3LlEe') RETURNING id)"
                        + " INSERT INTO builders (uuid, pubkey, comment) SELECT gen_random_uuid(), id, 'na\u00efve' FROM k");
            }
            // Java takes its default charset from the locale: US-ASCII here, which would print "na?ve"
            CliRun list = launch(Map.of("LC_ALL", "C", "LANG", "C"), modulePath(),
                    "--database-postgres", database.jdbcUrl(), "builder", "list", "--json");
            assertEquals(0, list.exit(), list.err());
            assertEquals("na\u00efve", list.json().get(0).get("comment").textValue());
        }
    }

    @Test
    void embeddedDefaultStartsOnTheModulePath(@TempDir Path dataDir) throws Exception {
        // zonky's own dependencies must be resolved as modules too
        CliRun migrate = launch(modulePath(), "--data-dir", dataDir.toString(), "migrate");
        assertEquals(0, migrate.exit(), migrate.err());
        assertEquals("schema version 15 (applied 15 migrations)\n", migrate.out());
    }

    @Test
    void runnableJarUsesTheEmbeddedDefault() throws Exception {
        Path dataDir = Files.createTempDirectory("cli-data");
        try {
            List<String> cli = List.of(JAVA, "-jar", System.getProperty("cli.shaded.jar"));
            CliRun migrate = launch(cli, "--data-dir", dataDir.toString(), "migrate");
            assertEquals(0, migrate.exit(), migrate.err());
            assertEquals("schema version 15 (applied 15 migrations)\n", migrate.out());
            assertEquals(0, launch(cli, "--data-dir", dataDir.toString(), "crate", "add", "rand").exit());
            assertEquals(new CliRun(Cli.NOT_FOUND, "", "using the embedded PostgreSQL in " + dataDir
                    + " (pass --database-postgres URL to use a server)\nERROR: crate 'nope' does not exist\n"),
                    launch(cli, "--data-dir", dataDir.toString(), "crate", "show", "nope"));
        } finally {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Where crates.io keeps a crate's file: {@code 1/a}, {@code 2/ab}, {@code 3/a/abc}, {@code se/rd/serde}. */
    private static Path indexFile(Path index, String name) {
        return switch (name.length()) {
            case 1 -> index.resolve("1").resolve(name);
            case 2 -> index.resolve("2").resolve(name);
            case 3 -> index.resolve("3").resolve(name.substring(0, 1)).resolve(name);
            default -> index.resolve(name.substring(0, 2)).resolve(name.substring(2, 4)).resolve(name);
        };
    }

    /**
     * Writes an index of {@code crates} crates with 1 to 15 versions each (random checksums, a few dependencies
     * per line as crates.io has them) and returns how many versions it holds.
     */
    static long generateIndex(Path index, int crates) throws Exception {
        Random random = new Random(7);
        long versions = 0;
        for (int i = 0; i < crates; i++) {
            // short names and long ones, so every layout of the index (1/, 2/, 3/x/, xx/yy/) has files; crate names
            // start with a letter: a, b, ..., z, aa, ab, ...
            StringBuilder letters = new StringBuilder();
            for (int n = i + 1; n > 0; n = (n - 1) / 26) {
                letters.append((char) ('a' + (n - 1) % 26));
            }
            String name = letters.reverse() + (i % 2 == 0 ? "" : "-rs");
            Path file = indexFile(index, name);
            Files.createDirectories(file.getParent());
            try (BufferedWriter out = Files.newBufferedWriter(file)) {
                int count = 1 + random.nextInt(15);
                for (int v = 0; v < count; v++, versions++) {
                    StringBuilder checksum = new StringBuilder(64);
                    while (checksum.length() < 64) {
                        checksum.append(Long.toHexString(random.nextLong() | Long.MIN_VALUE), 0, 16);
                    }
                    out.write("{\"name\":\"" + name + "\",\"vers\":\"" + v / 5 + "." + v % 5 + ".0\",\"deps\":["
                            + "{\"name\":\"serde\",\"req\":\"^1.0\",\"features\":[\"derive\"],\"optional\":false,"
                            + "\"default_features\":true,\"target\":null,\"kind\":\"normal\"},{\"name\":\"rand\","
                            + "\"req\":\"^0.8\",\"features\":[],\"optional\":true,\"default_features\":true,"
                            + "\"target\":null,\"kind\":\"dev\"}],\"cksum\":\"" + checksum + "\",\"features\":{"
                            + "\"default\":[\"std\"],\"std\":[]},\"yanked\":" + (v % 7 == 6) + ",\"links\":null,\"v\":2}\n");
                }
            }
        }
        Files.writeString(index.resolve("config.json"), "{\"dl\":\"https://static.crates.io/crates\"}\n");
        return versions;
    }

    @Test
    void importsALargeIndexInASmallHeapWithTheRunnableJar(@TempDir Path dir) throws Exception {
        Path index = dir.resolve("index");
        long versions = generateIndex(index, 20_000);
        try (Stream<Path> files = Files.walk(index)) {
            long bytes = files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
            // the point: the index (let alone its parsed rows) cannot be held in the heap the import gets
            assertTrue(bytes > 48L << 20, bytes + " bytes");
        }
        try (TempDatabase database = TempDatabase.create()) {
            List<String> cli = List.of(JAVA, "-Xmx48m", "-jar", System.getProperty("cli.shaded.jar"));
            CliRun run = launch(cli, "--database-postgres", database.jdbcUrl(), "crate", "import", index.toString(),
                    "--json");
            assertEquals(0, run.exit(), run.err());
            // only progress lines, if the import took long enough for any
            run.err().lines().forEach(line -> assertTrue(line.matches("(imported|read) \\d+ rows .*"), run.err()));
            JsonNode summary = run.json();
            assertEquals(versions, summary.get("rows").longValue(), run.out());
            assertEquals(20_000, summary.get("cratesAdded").longValue());
            assertEquals(versions, summary.get("versionsAdded").longValue());
        }
    }

    @Test
    void importsAnIndexOnTheModulePath(@TempDir Path dir) throws Exception {
        Path index = dir.resolve("index");
        long versions = generateIndex(index, 50);
        try (TempDatabase database = TempDatabase.create()) {
            CliRun run = launch(modulePath(), "--database-postgres", database.jdbcUrl(), "crate", "import",
                    index.toString(), "--json");
            assertEquals(0, run.exit(), run.err());
            assertEquals("", run.err());
            assertEquals(versions, run.json().get("rows").longValue());
            assertEquals(50, run.json().get("cratesAdded").longValue());
        }
    }
}
