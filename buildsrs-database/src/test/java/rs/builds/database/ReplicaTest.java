package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static rs.builds.database.QueueFixture.LINUX;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempStandby;

/**
 * {@link Metadata#readReplica()} and {@link Metadata#replicaStatus()} on a real streaming hot standby of the test
 * server ({@link TempStandby}), and writes sent to a standby by mistake.
 */
@Tag("contract")
class ReplicaTest {
    /** The JUL logger behind Replica's System.Logger; held, so the test's handler stays on it. */
    private static final Logger REPLICA_LOG = Logger.getLogger("rs.builds.database.internal.Replica");

    @TempDir
    Path dir;
    private TempDatabase database;
    private TempStandby standby;
    private final List<Metadata> opened = new ArrayList<>();
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public synchronized void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void embeddedServerOnly() {
        assumeTrue(TempStandby.available(), "a standby needs the embedded temp server");
    }

    @BeforeEach
    void databaseOnPrimaryAndStandby() {
        standby = TempStandby.shared(); // started again if a test stopped it
        database = TempDatabase.create();
        standby.awaitReplay(); // the new database is on the standby too
        REPLICA_LOG.addHandler(capture);
    }

    @AfterEach
    void closeAll() {
        REPLICA_LOG.removeHandler(capture);
        try {
            for (Metadata metadata : opened) {
                assertEquals(0, metadata.openHandles(), "handles left open");
                metadata.close();
            }
        } finally {
            if (standby.running()) {
                standby.resumeReplay();
            }
            database.close();
        }
    }

    private Metadata connect(String replicaUrl) {
        Metadata metadata = Metadata.connect(ConnectionConfig.of(database.jdbcUrl())
                .withCredentials(database.user(), database.password()).withMaxConnections(2).withReplica(replicaUrl));
        opened.add(metadata);
        return metadata;
    }

    private static void addCrate(Metadata metadata, String name) {
        metadata.useTransaction(write -> {
            write.crateAdd(name);
        });
    }

    private static List<String> crates(ReadHandle read) {
        try (read) {
            return read.crateList("").stream().map(CrateInfo::name).toList();
        }
    }

    private List<String> warnings() {
        return logged.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogRecord::getMessage).toList();
    }

    @Test
    void replicaReadsWhatThePrimaryCommittedOnceReplayedWhileReadSeesItAtOnce() throws Exception {
        Metadata metadata = connect(standby.jdbcUrl(database));
        QueueFixture.targets(metadata, LINUX);
        QueueFixture.versions(metadata, 2, 2);
        UUID builder = QueueFixture.builder(metadata, dir, LINUX);
        JobInfo job = QueueFixture.claim(metadata, builder);
        metadata.useTransaction(write -> {
            write.jobLog(job.uuid(), List.of("compiling"));
        });
        standby.awaitReplay();
        try (ReadHandle read = metadata.readReplica()) {
            // every kind of read works on a hot standby
            assertEquals(List.of("crate-0", "crate-1"), read.crateList("").stream().map(CrateInfo::name).toList());
            assertEquals(2, read.crateVersions("crate-0").size());
            assertEquals(LINUX, read.targetInfo(LINUX).name());
            assertEquals(List.of(builder), read.builderList().stream().map(Builder::uuid).toList());
            assertEquals(job.uuid(), read.jobList(JobFilter.all()).get(0).uuid());
            List<String> lines = new ArrayList<>();
            read.jobLogs(job.uuid(), line -> lines.add(line.line()));
            assertEquals(List.of("compiling"), lines);
            assertEquals(1, read.queueStats().targets().size());
            assertEquals(2, read.counts(Duration.ofMinutes(10)).crates());
            assertTrue(read.queueSettings().maxAttempts() > 0);
        }

        standby.pauseReplay();
        addCrate(metadata, "serde");
        assertTrue(crates(metadata.read()).contains("serde"), "read() is on the primary: it sees the write at once");
        assertFalse(crates(metadata.readReplica()).contains("serde"), "readReplica() reads the paused replica");
        ReplicaStatus paused = metadata.replicaStatus().orElseThrow();
        assertTrue(paused.reachable(), paused.toString());
        assertNull(paused.problem(), paused.toString());
        assertEquals("localhost:" + standby.port(), paused.replica());
        assertTrue(paused.lagBytes() > 0, "the write is not replayed: " + paused);
        assertNotNull(paused.lag(), paused.toString());
        assertFalse(paused.lag().isNegative(), paused.toString());

        standby.resumeReplay();
        standby.awaitReplay();
        assertTrue(crates(metadata.readReplica()).contains("serde"), "replayed");
        ReplicaStatus caughtUp = metadata.replicaStatus().orElseThrow();
        assertTrue(caughtUp.reachable() && caughtUp.lagBytes() >= 0 && !caughtUp.lag().isNegative(),
                caughtUp.toString());
        assertEquals(List.of(), warnings());
    }

    @Test
    void withoutAReplicaReadReplicaReadsThePrimaryAndThereIsNoStatus() {
        Metadata metadata = connect(null);
        addCrate(metadata, "serde");
        assertEquals(List.of("serde"), crates(metadata.readReplica()));
        assertTrue(metadata.replicaStatus().isEmpty());
    }

    @Test
    void writesSentToAStandbyAreRefusedAsReadOnlyAndChangeNothing() {
        Metadata primary = connect(null);
        addCrate(primary, "serde");
        standby.awaitReplay();
        Metadata onStandby = Metadata.connect(ConnectionConfig.of(standby.jdbcUrl(database)).withMaxConnections(2));
        opened.add(onStandby);

        ReadOnlyDatabaseException add = assertThrows(ReadOnlyDatabaseException.class,
                () -> onStandby.useTransaction(write -> {
                    write.crateAdd("tokio");
                }));
        assertTrue(add.getMessage().contains("read-only") && add.getMessage().contains("hot standby")
                && add.getMessage().contains("writes must go to the primary"), add.getMessage());
        assertEquals("25006", ((java.sql.SQLException) rootSql(add)).getSQLState());
        ReadOnlyDatabaseException expire = assertThrows(ReadOnlyDatabaseException.class,
                () -> onStandby.inTransaction(write -> write.jobsExpire(Instant.now())));
        assertTrue(expire.getMessage().contains("read-only"), expire.getMessage());
        // a hot standby refuses serializable transactions before any write: the same mistake, the same error
        ReadOnlyDatabaseException serializable = assertThrows(ReadOnlyDatabaseException.class,
                () -> onStandby.useTransaction(Isolation.SERIALIZABLE, write -> {
                    write.crateAdd("rand");
                }));
        assertTrue(serializable.getMessage().contains("writes must go to the primary"), serializable.getMessage());

        standby.awaitReplay();
        assertEquals(List.of("serde"), crates(primary.read()));
        assertEquals(List.of("serde"), crates(onStandby.read()));
    }

    private static Throwable rootSql(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException) {
                return cause;
            }
        }
        throw new AssertionError("no SQLException under " + error, error);
    }

    @Test
    void replicaDownAtConnectReadsThePrimaryAndSaysSoThenGoesBackWhenItAnswers() throws Exception {
        standby.stop();
        Metadata metadata = connect(standby.jdbcUrl(database)); // does not fail for the replica
        addCrate(metadata, "serde");
        assertEquals(List.of("serde"), crates(metadata.readReplica()), "read from the primary");
        assertEquals(List.of("serde"), crates(metadata.readReplica()), "still, without waiting for the replica");
        List<String> warnings = warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("the read replica localhost:" + standby.port() + " cannot be reached")
                && warnings.get(0).contains("reading from the primary"), warnings.get(0));
        ReplicaStatus down = metadata.replicaStatus().orElseThrow();
        assertFalse(down.reachable(), down.toString());
        assertNull(down.lagBytes());
        assertTrue(down.problem().contains("cannot reach"), down.toString());

        TempStandby.shared(); // starts it again
        standby.awaitReplay();
        assertTrue(metadata.replicaStatus().orElseThrow().reachable(), "the status asks the replica itself");
        standby.pauseReplay();
        addCrate(metadata, "tokio");
        // reads go back to the replica once its pool has reconnected and the circuit's next check finds it: poll
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (crates(metadata.readReplica()).contains("tokio")) {
            assertTrue(System.nanoTime() - deadline < 0, "readReplica() never went back to the replica");
            Thread.onSpinWait();
        }
        assertTrue(logged.stream().anyMatch(r -> r.getMessage().contains("answers again")), logged.toString());
        assertEquals(1, warnings().size(), "one warning for one outage: " + warnings());
    }

    @Test
    void replicaGoingDownLaterReadsThePrimary() {
        Metadata metadata = connect(standby.jdbcUrl(database));
        addCrate(metadata, "serde");
        standby.awaitReplay();
        standby.pauseReplay();
        addCrate(metadata, "tokio");
        assertEquals(List.of("serde"), crates(metadata.readReplica()), "on the replica, which has not replayed tokio");
        standby.stop();
        assertEquals(List.of("serde", "tokio"), crates(metadata.readReplica()), "on the primary");
        assertEquals(List.of("serde", "tokio"), crates(metadata.readReplica()), "on the primary");
        assertEquals(1, warnings().size(), warnings().toString());
        assertFalse(metadata.replicaStatus().orElseThrow().reachable());
    }
}
