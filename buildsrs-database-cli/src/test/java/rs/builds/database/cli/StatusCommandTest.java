package rs.builds.database.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.JobInfo;
import rs.builds.database.migrations.Migrations;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempDatabaseExtension;

@ExtendWith(TempDatabaseExtension.class)
class StatusCommandTest {
    private static final String TARGET = ClaimingBuilder.TARGET;

    @TempDir
    static Path keys;
    private static SshKey claimer;
    private static SshKey idle;

    @BeforeAll
    static void generateKeys() throws Exception {
        claimer = SshKey.generate(keys, "claimer");
        idle = SshKey.generate(keys, "idle");
    }

    private static String schemaVersion(TempDatabase database) {
        return Migrations.of(database.dataSource()).currentVersion().orElseThrow();
    }

    @Test
    void statusOfAnEmptyDatabase(TempDatabase database) {
        assertEquals(new CliRun(0, "schema version  " + schemaVersion(database) + "\n"
                + "crates          0\n"
                + "versions        0\n"
                + "builders        0 (0 enabled, 0 seen in the last 10 minutes)\n"
                + "targets         0 (0 enabled)\n"
                + "jobs running    0\n"
                + "queue           unlocked\n"
                + "\n"
                + "TARGET  QUEUED  RUNNING  FAILED\n", ""), CliRun.on(database, "status"));
    }

    @Test
    void statusCountsEverythingAndShowsALockedQueuePerTarget(TempDatabase database) throws Exception {
        try (ClaimingBuilder builder = ClaimingBuilder.register(database, claimer)) {
            builder.addVersions("serde", "1.0.0", "1.0.1");
            builder.addVersions("rand", "0.1.0", "0.2.0");
            CliRun.on(database, "builder", "add", idle.pub());
            CliRun.on(database, "target", "add", "wasm32-wasip1");
            JobInfo job = builder.claim();
            builder.metadata().useTransaction(write -> {
                write.jobHeartbeat(job.uuid());
            });
            assertEquals(new CliRun(0, "queue locked\n", ""), CliRun.on(database, "queue", "lock"));

            assertEquals(new CliRun(0, "schema version  " + schemaVersion(database) + "\n"
                    + "crates          2\n"
                    + "versions        4\n"
                    + "builders        2 (1 enabled, 1 seen in the last 10 minutes)\n"
                    + "targets         2 (1 enabled)\n"
                    + "jobs running    1\n"
                    + "queue           locked\n"
                    + "\n"
                    + "TARGET                    QUEUED  RUNNING  FAILED\n"
                    + "wasm32-wasip1             0       0        0\n"
                    + "x86_64-unknown-linux-gnu  3       1        0\n", ""), CliRun.on(database, "status"));

            CliRun json = CliRun.on(database, "status", "--json");
            assertEquals(0, json.exit(), json.err());
            assertEquals("", json.err());
            JsonNode status = json.json();
            assertEquals(7, status.size(), status.toString());
            assertEquals(schemaVersion(database), status.get("schemaVersion").textValue());
            assertEquals(2, status.get("crates").longValue());
            assertEquals(4, status.get("versions").longValue());
            assertEquals("{\"total\":2,\"enabled\":1,\"seen\":1,\"seenWithin\":\"PT10M\"}",
                    status.get("builders").toString());
            assertEquals("{\"total\":2,\"enabled\":1}", status.get("targets").toString());
            assertEquals(1, status.get("jobsRunning").longValue());
            assertEquals("{\"locked\":true,\"targets\":["
                    + "{\"name\":\"wasm32-wasip1\",\"queued\":0,\"running\":0,\"failed\":0},"
                    + "{\"name\":\"" + TARGET + "\",\"queued\":3,\"running\":1,\"failed\":0}]}",
                    status.get("queue").toString());

            CliRun.on(database, "queue", "unlock");
            assertTrue(CliRun.on(database, "status").out().contains("\nqueue           unlocked\n"));
            assertEquals(false, CliRun.on(database, "status", "--json").json().get("queue").get("locked").booleanValue());
        }
    }

    @Test
    void help() {
        CliRun help = CliRun.run("status", "--help");
        assertEquals(0, help.exit());
        assertEquals("", help.err());
        assertTrue(help.out().startsWith("Usage: buildsrs-database status [OPTIONS]\n"), help.out());
        assertTrue(help.out().contains("--json"), help.out());
        assertTrue(CliRun.run("--help").out().contains("\n  status "));
    }
}
