package rs.builds.database.bench.soak;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.DownloadCount;
import rs.builds.database.JobStage;
import rs.builds.database.Metadata;
import rs.builds.database.ReadHandle;
import rs.builds.database.SyncOptions;
import rs.builds.database.bench.BenchKeys;
import rs.builds.database.temp.TempDatabase;

/**
 * Each of the soak's invariant checks holds on a consistent state a few operations made, and fails once a row is
 * corrupted by SQL the way that invariant forbids: none of them can pass whatever the database holds.
 */
class SoakChecksTest {
    private TempDatabase database;
    private Metadata metadata;
    private SoakLedger ledger;
    private SoakRegistry registry;
    private SoakChecks checks;

    @BeforeEach
    void consistentState() {
        database = TempDatabase.create();
        metadata = Metadata.connect(ConnectionConfig.of(database.jdbcUrl())
                .withCredentials(database.user(), database.password()).withMaxConnections(2));
        UUID builder = UUID.randomUUID();
        metadata.useTransaction(write -> {
            write.targetAdd("linux");
            write.targetSetEnabled("linux", true);
            write.queueConfigure(3, Duration.ofMinutes(5), Duration.ZERO);
            write.builderAdd(builder, BenchKeys.ed25519(), "test");
            write.builderSetEnabled(builder, true);
            write.builderTargetAdd(builder, "linux");
        });
        registry = new SoakRegistry(3, new Random(1));
        metadata.inTransaction(write -> write.sync(registry.all().iterator(), SyncOptions.completeIndex()));
        registry.allStored();
        ledger = new SoakLedger();

        // a job built to the end: a batch of log lines, an artifact, a success, downloads
        SoakLedger.Job built = ledger.claimed(metadata.jobRequest(builder).orElseThrow());
        UUID job = built.claimed.uuid();
        log(built, JobStage.FETCH, 0, 3);
        long artifact = metadata.inTransaction(write -> write.jobArtifactAdd(job, "a.tar", "h", 1, "s"));
        ledger.artifact(artifact);
        metadata.useTransaction(write -> {
            write.jobFinish(job, true);
            write.artifactDownloadsAdd(List.of(new DownloadCount(artifact, LocalDate.now(ZoneOffset.UTC), 5)));
        });
        built.finished = true;
        ledger.downloads(artifact, 5, true);
        // a job still running, with a batch of lines
        log(ledger.claimed(metadata.jobRequest(builder).orElseThrow()), JobStage.FETCH, 0, 2);
        checks = new SoakChecks(database.dataSource(), ledger, registry);
    }

    private void log(SoakLedger.Job job, JobStage stage, int batch, int lines) {
        List<String> text = IntStream.range(0, lines).mapToObj(i -> SoakLedger.line(batch, i))
                .toList();
        metadata.useTransaction(write -> {
            write.jobStage(job.claimed.uuid(), stage);
            write.jobLog(job.claimed.uuid(), text);
        });
        job.batches.add(new SoakLedger.Batch(stage, batch, lines, true));
    }

    @AfterEach
    void close() {
        metadata.close();
        database.close();
    }

    @Test
    void everyCheckHoldsOnAConsistentState() throws SQLException {
        for (SoakCheck check : List.of(checks.pairs(), checks.runningPastLease(), checks.overlappingClaims(),
                checks.jobsAsSeen(), checks.logs(metadata), checks.downloads(), checks.checksums(), connections())) {
            assertTrue(check.holds(), check.line());
            assertTrue(check.checked() > 0, check.line());
        }
    }

    @Test
    void aPairWithoutItsQueueRowBreaksThePairs() throws SQLException {
        corrupt("DELETE FROM job_queue WHERE ctid = (SELECT min(ctid) FROM job_queue WHERE state = 'queued')");
        assertBroken(checks.pairs());
    }

    @Test
    void aPairMarkedBuiltWithoutASuccessfulJobBreaksThePairs() throws SQLException {
        corrupt("UPDATE job_queue SET state = 'succeeded' WHERE ctid = (SELECT min(ctid) FROM job_queue"
                + " WHERE state = 'queued')");
        assertBroken(checks.pairs());
    }

    @Test
    void aRunningJobPastItsLeaseBreaksTheLeaseCheck() throws SQLException {
        corrupt("UPDATE jobs SET timeout = now() - interval '1 minute' WHERE ended IS NULL");
        assertBroken(checks.runningPastLease());
    }

    @Test
    void aSecondJobOfAPairAliveAtTheSameTimeBreaksTheClaimCheck() throws SQLException {
        corrupt("INSERT INTO jobs (uuid, builder, target, crate_version, started, timeout, ended, success)"
                + " SELECT gen_random_uuid(), builder, target, crate_version, started, timeout, ended, false"
                + " FROM jobs WHERE ended IS NOT NULL");
        assertBroken(checks.overlappingClaims());
    }

    @Test
    void aFinishStoredOtherwiseThanSeenBreaksTheJobCheck() throws SQLException {
        corrupt("UPDATE jobs SET success = false WHERE success");
        assertBroken(checks.jobsAsSeen());
    }

    @Test
    void lostCommittedLinesBreakTheLogCheck() throws SQLException {
        corrupt("DELETE FROM job_logs WHERE job = (SELECT id FROM jobs WHERE ended IS NOT NULL)");
        assertBroken(checks.logs(metadata));
    }

    @Test
    void linesNobodyCommittedBreakTheLogCheck() throws SQLException {
        UUID running = ledger.jobs().values().stream().filter(job -> job.finished == null).findFirst().orElseThrow()
                .claimed.uuid();
        metadata.useTransaction(write -> {
            write.jobLog(running, List.of(SoakLedger.line(0, 0))); // a batch sent twice
        });
        assertBroken(checks.logs(metadata));
    }

    @Test
    void aTotalThatIsNotTheSumOfItsDaysBreaksTheDownloadCheck() throws SQLException {
        corrupt("UPDATE job_artifact_downloads SET downloads = downloads + 1");
        assertBroken(checks.downloads());
    }

    @Test
    void aChangedChecksumBreaksTheChecksumCheck() throws SQLException {
        // the trigger refuses a changed checksum: a replica-role session fires no trigger
        corrupt("SET session_replication_role = replica",
                "UPDATE crate_versions SET checksum = repeat('0', 64) WHERE id = (SELECT min(id) FROM crate_versions)");
        assertBroken(checks.checksums());
    }

    @Test
    void anOpenHandleOrASessionInATransactionBreaksTheConnectionCheck() throws SQLException {
        try (ReadHandle open = metadata.read()) {
            assertBroken(connections());
        }
        try (Connection leaked = database.dataSource().getConnection()) {
            leaked.setAutoCommit(false);
            leaked.createStatement().execute("SELECT 1");
            assertBroken(connections());
        }
    }

    @Test
    void aHeapAboveTheBoundBreaksTheHeapCheck() {
        assertBroken(SoakChecks.heap(1 << 20));
        assertTrue(SoakChecks.heap(Long.MAX_VALUE).holds());
    }

    private SoakCheck connections() throws SQLException {
        return checks.connections(Map.of(database.user(), metadata), Map.of(database.user(), 2));
    }

    private void corrupt(String... statements) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static void assertBroken(SoakCheck check) {
        assertFalse(check.holds(), check.line());
        assertFalse(check.examples().isEmpty(), check.line());
    }
}
