package rs.builds.database.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempDatabaseExtension;
import rs.builds.database.temp.TempStandby;

/** {@code --from-replica} and the replica's lag in {@code status}, on a real streaming standby. */
@Tag("contract")
@ExtendWith(TempDatabaseExtension.class)
class FromReplicaTest {
    private TempStandby standby;

    @BeforeAll
    static void embeddedServerOnly() {
        assumeTrue(TempStandby.available(), "a standby needs the embedded temp server");
    }

    @BeforeEach
    void standby() {
        standby = TempStandby.shared(); // started again if a test stopped it
    }

    @AfterEach
    void replaying() {
        if (standby.running()) {
            standby.resumeReplay();
        }
    }

    /** {@code --database-postgres PRIMARY --database-postgres-replica STANDBY args...} */
    private CliRun withReplica(TempDatabase database, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--database-postgres";
        all[1] = database.jdbcUrl();
        all[2] = "--database-postgres-replica";
        all[3] = standby.jdbcUrl(database);
        System.arraycopy(args, 0, all, 4, args.length);
        return CliRun.run(Map.of(), all);
    }

    @Test
    void withoutAReplicaItIsAUsageErrorNamingTheOption(TempDatabase database) {
        CliRun run = CliRun.on(database, "--from-replica", "crate", "list");
        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("ERROR: --from-replica reads from the replica, but none is configured: give"
                + " --database-postgres-replica URL (or DATABASE_POSTGRES_REPLICA)\nUsage: buildsrs-database"), run.err());
        CliRun write = CliRun.on(database, "--from-replica", "crate", "add", "serde");
        assertEquals(2, write.exit(), "refused before anything is written");
        assertEquals(new CliRun(0, "NAME  ENABLED  PRIORITY\n", ""), CliRun.on(database, "crate", "list"));
    }

    @Test
    void readCommandsReadTheReplicaWritesGoToThePrimaryAndStatusShowsTheLag(TempDatabase database) {
        assertEquals(new CliRun(0, "serde\n", ""), withReplica(database, "--from-replica", "crate", "add", "serde"));
        standby.awaitReplay();
        standby.pauseReplay();
        // a write command ignores --from-replica: it writes on the primary
        assertEquals(new CliRun(0, "tokio\n", ""), withReplica(database, "--from-replica", "crate", "add", "tokio"));

        assertEquals(new CliRun(0, "NAME   ENABLED  PRIORITY\nserde  true     0\n", ""),
                withReplica(database, "--from-replica", "crate", "list"), "the paused replica has no tokio yet");
        assertEquals(new CliRun(0, "NAME   ENABLED  PRIORITY\nserde  true     0\ntokio  true     0\n", ""),
                withReplica(database, "crate", "list"), "without --from-replica: the primary");
        CliRun missing = withReplica(database, "--from-replica", "crate", "show", "tokio");
        assertEquals(Cli.NOT_FOUND, missing.exit());
        assertEquals("", missing.out());
        assertTrue(missing.err().startsWith("ERROR: ") && missing.err().contains("tokio"), missing.err());

        CliRun status = withReplica(database, "--from-replica", "status");
        assertEquals(0, status.exit(), status.err());
        assertEquals("", status.err());
        assertTrue(status.out().contains("\ncrates          1\n"), "counted on the replica: " + status.out());
        assertTrue(status.out().matches("(?s).*\nreplica         localhost:" + standby.port()
                + ", replay lag [1-9][0-9]* bytes \\([0-9]+ ms\\)\n.*"), status.out());
        JsonNode json = withReplica(database, "status", "--json").json();
        assertEquals(2, json.get("crates").longValue(), "counted on the primary");
        JsonNode replica = json.get("replica");
        assertEquals("localhost:" + standby.port(), replica.get("address").textValue());
        assertTrue(replica.get("reachable").booleanValue(), replica.toString());
        assertTrue(replica.get("lagBytes").longValue() > 0, replica.toString());
        assertTrue(replica.get("lag").textValue().startsWith("PT"), replica.toString());
        assertTrue(replica.get("problem").isNull(), replica.toString());

        standby.resumeReplay();
        standby.awaitReplay();
        assertEquals(new CliRun(0, "NAME   ENABLED  PRIORITY\nserde  true     0\ntokio  true     0\n", ""),
                withReplica(database, "--from-replica", "crate", "list"), "replayed");
        CliRun plain = CliRun.on(database, "status", "--json");
        assertTrue(plain.json().get("replica") == null, "no replica configured, no replica in status");
    }

    @Test
    void aReplicaThatIsDownIsReadFromThePrimaryWithAWarning(TempDatabase database) {
        assertEquals(0, withReplica(database, "crate", "add", "serde").exit());
        standby.stop();
        CliRun list = withReplica(database, "--from-replica", "crate", "list");
        assertEquals(0, list.exit(), list.err());
        assertEquals("NAME   ENABLED  PRIORITY\nserde  true     0\n", list.out());
        assertTrue(list.err().startsWith("warning: the replica localhost:" + standby.port() + " cannot be reached,"
                + " reading from the primary instead (cannot reach the database"), list.err());
        assertEquals(1, list.err().lines().count(), "one line, no library log: " + list.err());

        CliRun status = withReplica(database, "status");
        assertEquals(0, status.exit(), status.err());
        assertEquals("", status.err());
        assertTrue(status.out().matches("(?s).*\nreplica         localhost:" + standby.port()
                + ": cannot reach the database .*; --from-replica reads from the primary\n.*"), status.out());
    }

    @Test
    void helpNamesTheFlag() {
        CliRun help = CliRun.run("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--from-replica") && help.out().contains("commands that write ignore it"),
                help.out());
    }
}
