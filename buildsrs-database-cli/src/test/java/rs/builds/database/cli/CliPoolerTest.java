package rs.builds.database.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempPgBouncer;

/** Every command class through a real PgBouncer in transaction mode, and the pooler options' bad input. */
@Tag("contract")
class CliPoolerTest {
    private static final String TARGET = "x86_64-unknown-linux-gnu";

    @TempDir
    Path dir;

    @Test
    void everyCommandClassWorksThroughATransactionPoolerTwice() throws Exception {
        try (TempDatabase database = TempDatabase.createBlank();
             TempPgBouncer bouncer = TempPgBouncer.start(database, "transaction", 2)) {
            SshKey key = SshKey.generate(dir, "builder");
            Path index = dir.resolve("index");
            Files.writeString(index, "{\"name\":\"serde\",\"vers\":\"1.0.0\",\"deps\":[],\"cksum\":\"" + "a".repeat(64)
                    + "\",\"features\":{},\"yanked\":false}\n");
            // each process numbers its prepared statements from S_1 again: alternate runs used to collide
            for (int round = 0; round < 2; round++) {
                String builder = null;
                List<List<String>> commands = new ArrayList<>(List.of(
                        List.of("migrate"), List.of("migrate", "info"), List.of("migrate", "validate"),
                        List.of("roles", "apply"),
                        List.of("target", "add", TARGET + round), List.of("target", "edit", TARGET + round,
                                "--enabled", "true"), List.of("target", "list"),
                        List.of("crate", "import", index.toString()), List.of("crate", "add", "tokio" + round),
                        List.of("crate", "list"), List.of("crate", "show", "serde"),
                        List.of("crate", "priority", "serde", "5"), List.of("crate", "disable", "serde"),
                        List.of("crate", "enable", "serde"),
                        List.of("queue", "stats"), List.of("queue", "settings"), List.of("queue", "lock"),
                        List.of("queue", "unlock"), List.of("status"), List.of("job", "list"),
                        List.of("job", "expire")));
                if (round == 0) {
                    commands.add(4, List.of("builder", "add", key.pub()));
                }
                for (List<String> command : commands) {
                    CliRun run = through(bouncer, command);
                    assertEquals(0, run.exit(), command + " through the pooler: " + run.err());
                    if (command.equals(List.of("builder", "add", key.pub()))) {
                        builder = run.out().trim();
                    }
                }
                if (round == 0) {
                    for (List<String> command : List.of(
                            List.of("builder", "edit", builder, "--enabled", "true", "--target-add", TARGET + round),
                            List.of("builder", "list"), List.of("builder", "show", builder),
                            List.of("builder", "lookup", key.sha256()))) {
                        CliRun run = through(bouncer, command);
                        assertEquals(0, run.exit(), command + " through the pooler: " + run.err());
                    }
                }
            }
            CliRun status = through(bouncer, List.of("status"));
            assertEquals(0, status.exit(), status.err());
            java.util.regex.Matcher version = java.util.regex.Pattern.compile("schema version +(\\d+)\n")
                    .matcher(status.out());
            assertTrue(version.find(), status.out());
            CliRun migrated = through(bouncer, List.of("migrate"));
            assertEquals("schema version " + version.group(1) + " (applied 0 migrations)\n", migrated.out(),
                    "status reads the version migrate applied, through the pooler");
            CliRun crates = through(bouncer, List.of("crate", "list"));
            assertTrue(crates.out().contains("serde") && crates.out().contains("tokio0")
                    && crates.out().contains("tokio1"), crates.out());
        }
    }

    private static CliRun through(TempPgBouncer bouncer, List<String> command) {
        List<String> args = new ArrayList<>(List.of("--database-postgres", bouncer.jdbcUrl(),
                "--database-postgres-pooler", "transaction"));
        args.addAll(command);
        return CliRun.run(Map.of(), args.toArray(String[]::new));
    }

    @Test
    void badPoolerListenAndReplicaValuesAreUsageErrorsBeforeConnecting() {
        // nothing listens on port 1: a run that tried to connect would fail with exit 1, not 2
        String nowhere = "postgres://u@127.0.0.1:1/db";
        for (List<String> args : List.of(
                List.of("--database-postgres", nowhere, "--database-postgres-pooler", "statement", "status"),
                List.of("--database-postgres", nowhere, "--database-postgres-listen", "mysql://h/db", "status"),
                List.of("--database-postgres", nowhere, "--database-postgres-replica",
                        "postgres://u:hunter2@h:99999/db", "status"),
                List.of("--database-postgres-pooler", "transaction", "status"))) {
            CliRun run = CliRun.run(Map.of(), args.toArray(String[]::new));
            assertEquals(2, run.exit(), args + ": " + run.err());
            assertEquals("", run.out());
            assertTrue(run.err().startsWith("ERROR: --database-postgres"), run.err());
            assertFalse(run.err().contains("hunter2"), run.err());
            assertFalse(run.err().contains("using the embedded PostgreSQL"), "nothing was started: " + run.err());
        }
        CliRun env = CliRun.run(Map.of("DATABASE_POSTGRES", nowhere, "DATABASE_POSTGRES_POOLER", "sometimes"),
                "status");
        assertEquals(2, env.exit(), env.err());
        assertTrue(env.err().contains("unknown pooler mode 'sometimes'; expected none, session or transaction"),
                env.err());
    }
}
