package rs.builds.database.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.DownloadCount;
import rs.builds.database.JobInfo;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempDatabaseExtension;

/** {@code job prune} and {@code downloads prune}: what they print, and bad dates refused with nothing removed. */
@ExtendWith(TempDatabaseExtension.class)
class PruneCommandTest {
    @TempDir
    static Path keys;
    private static SshKey key;

    @BeforeAll
    static void generateKey() throws Exception {
        key = SshKey.generate(keys, "pruner");
    }

    private static long count(TempDatabase database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void assertUsageError(CliRun run, String message, String usage) {
        assertEquals(2, run.exit(), run.err());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("ERROR: " + message), run.err());
        assertEquals(1, run.err().lines().filter(line -> line.startsWith("ERROR: ")).count(), run.err());
        assertTrue(run.err().contains("\nUsage: buildsrs-database " + usage + " "), run.err());
    }

    /** serde 1.0.0: an old job (three log lines) and a newer one of the same pair; 1.0.1: one job, an artifact. */
    private static long world(TempDatabase database) throws Exception {
        try (ClaimingBuilder builder = ClaimingBuilder.register(database, key)) {
            builder.addVersions("serde", "1.0.0", "1.0.1");
            long artifact = 0;
            for (int i = 0; i < 2; i++) {
                JobInfo job = builder.claim();
                artifact = builder.metadata().inTransaction(write -> {
                    write.jobLog(job.uuid(), List.of("   Compiling " + job.version(), "", "done"));
                    long id = job.version().equals("1.0.1")
                            ? write.jobArtifactAdd(job.uuid(), "a.rlib", ClaimingBuilder.checksum("a"), 1, "s") : 0;
                    write.jobFinish(job.uuid(), true);
                    return id;
                }) + artifact;
            }
            try (Connection connection = database.dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO jobs (uuid, builder, target, crate_version, started, timeout, ended,"
                        + " success) SELECT gen_random_uuid(), j.builder, j.target, j.crate_version, now(), now(),"
                        + " now(), true FROM jobs j JOIN crate_versions v ON v.id = j.crate_version"
                        + " WHERE v.version = '1.0.0'");
            }
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            long id = artifact;
            builder.metadata().useTransaction(write -> {
                write.artifactDownloadsAdd(List.of(new DownloadCount(id, today.minusDays(100), 5),
                        new DownloadCount(id, today.minusDays(91), 6), new DownloadCount(id, today, 7)));
            });
            return artifact;
        }
    }

    @Test
    void jobPruneRemovesTheSupersededJobAndSaysWhat(TempDatabase database) throws Exception {
        world(database);
        String future = Instant.now().plus(Duration.ofDays(2)).toString();
        CliRun inFuture = CliRun.on(database, "job", "prune", "--finished-before", future);
        assertUsageError(inFuture, "finished-before date " + future + " is in the future", "job prune");
        assertUsageError(CliRun.on(database, "job", "prune"), "Option \"--finished-before\" is required",
                "job prune");
        assertUsageError(CliRun.on(database, "job", "prune", "--finished-before", "last week"),
                "--finished-before must be a date like 2025-01-31 (start of the day, UTC) or an instant like"
                        + " 2025-01-31T12:00:00Z, not \"last week\"", "job prune");
        assertEquals(3, count(database, "SELECT count(*) FROM jobs"), "nothing removed");

        assertEquals(new CliRun(0, "removed 0 jobs and the logs of 0 kept jobs: 0 log lines\n", ""),
                CliRun.on(database, "job", "prune", "--finished-before", "2020-01-01"));
        String now = Instant.now().toString();
        assertEquals(new CliRun(0, "removed 1 job and the logs of 0 kept jobs: 3 log lines\n", ""),
                CliRun.on(database, "job", "prune", "--finished-before", now));
        assertEquals(2, count(database, "SELECT count(*) FROM jobs"));
        assertEquals(new CliRun(0, "removed 0 jobs and the logs of 0 kept jobs: 0 log lines\n", ""),
                CliRun.on(database, "job", "prune", "--finished-before", now, "--logs-only"),
                "the newest job of each pair keeps its log");
    }

    @Test
    void downloadsPruneKeepsTotals(TempDatabase database) throws Exception {
        world(database);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String tomorrow = today.plusDays(1).toString();
        assertUsageError(CliRun.on(database, "downloads", "prune", "--before", tomorrow),
                "downloads prune date " + tomorrow + " is in the future (today is " + today + " UTC); give today or"
                        + " an earlier day: daily rows before it are removed", "downloads prune");
        assertUsageError(CliRun.on(database, "downloads", "prune"), "Option \"--before\" is required",
                "downloads prune");
        assertUsageError(CliRun.on(database, "downloads", "prune", "--before", today + "T12:00:00Z"),
                "--before takes a day (e.g. " + today + "), not a time of day: daily rows are kept or removed whole",
                "downloads prune");
        assertEquals(3, count(database, "SELECT count(*) FROM job_artifact_downloads"), "nothing removed");

        String cut = today.minusDays(90).toString();
        assertEquals(new CliRun(0, "removed 2 daily download rows before " + cut + "\n", ""),
                CliRun.on(database, "downloads", "prune", "--before", cut));
        assertEquals(1, count(database, "SELECT count(*) FROM job_artifact_downloads"));
        assertEquals(18, count(database, "SELECT sum(downloads) FROM job_artifacts"), "the total stays");
    }
}
