package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rs.builds.database.CompactLogsTest.count;
import static rs.builds.database.CompactLogsTest.execute;
import static rs.builds.database.QueueFixture.LINUX;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.temp.TempDatabase;

/** Retention (issue #13): jobsPrune keeps the newest finished job of each pair and jobs with artifacts. */
@ExtendWith(MetadataExtension.class)
class RetentionTest {
    @TempDir
    Path dir;
    UUID builder;
    /** crate-0 1.0.0: three jobs, all finished before the cut. */
    List<JobInfo> a = new ArrayList<>();
    /** 1.0.1: the first has an artifact, both finished before the cut. */
    List<JobInfo> b = new ArrayList<>();
    /** 1.0.2: one finished before the cut, one running. */
    List<JobInfo> c = new ArrayList<>();
    /** 1.0.3: two finished after the cut. */
    List<JobInfo> e = new ArrayList<>();
    Instant cut;
    long artifact;

    @BeforeEach
    void story(Metadata metadata) throws Exception {
        QueueFixture.targets(metadata, LINUX);
        QueueFixture.versions(metadata, 1, 4);
        builder = QueueFixture.builder(metadata, dir, LINUX);
        Map<String, JobInfo> first = new HashMap<>();
        QueueFixture.claimAll(metadata, builder).forEach(job -> first.put(job.version(), job));
        a.add(finish(metadata, first.get("1.0.0")));
        a.add(build(metadata, "1.0.0"));
        a.add(build(metadata, "1.0.0"));
        b.add(finish(metadata, first.get("1.0.1")));
        b.add(build(metadata, "1.0.1"));
        c.add(finish(metadata, first.get("1.0.2")));
        Thread.sleep(5);
        cut = Instant.now();
        Thread.sleep(5);
        e.add(finish(metadata, first.get("1.0.3")));
        e.add(build(metadata, "1.0.3"));
        c.add(claim(metadata, "1.0.2"));
    }

    /** Queues the version's pair again and claims it. */
    private JobInfo claim(Metadata metadata, String version) {
        metadata.useTransaction(write -> {
            write.jobRequeue("crate-0", version, LINUX);
        });
        List<JobInfo> claimed = QueueFixture.claimAll(metadata, builder);
        assertEquals(List.of(version), claimed.stream().map(JobInfo::version).toList());
        return claimed.get(0);
    }

    private JobInfo build(Metadata metadata, String version) {
        return finish(metadata, claim(metadata, version));
    }

    /** Writes three log lines (and the first job of 1.0.1 an artifact) and finishes the job successfully. */
    private JobInfo finish(Metadata metadata, JobInfo job) {
        metadata.useTransaction(write -> {
            write.jobLog(job.uuid(), List.of("building " + job.version(), "  line 2", ""));
            if (job.version().equals("1.0.1") && b.isEmpty()) {
                artifact = write.jobArtifactAdd(job.uuid(), "crate.rlib", "sha256:00", 10, "sig");
            }
            write.jobFinish(job.uuid(), true);
        });
        return job;
    }

    private static List<UUID> jobs(Metadata metadata) {
        try (ReadHandle read = metadata.read()) {
            return read.jobList(JobFilter.all()).stream().map(JobInfo::uuid).toList();
        }
    }

    private static long lines(Metadata metadata, JobInfo job) {
        try (ReadHandle read = metadata.read()) {
            return read.jobLogs(job.uuid(), l -> { });
        }
    }

    @Test
    void pruneRemovesSupersededJobsWithoutArtifactsAndTheirLogs(Metadata metadata) {
        List<UUID> before = jobs(metadata);
        JobsPruned pruned = metadata.jobsPrune(cut, false);
        assertEquals(new JobsPruned(2, 0, 6), pruned);
        List<UUID> expected = new ArrayList<>(before);
        expected.remove(a.get(0).uuid());
        expected.remove(a.get(1).uuid());
        assertEquals(expected, jobs(metadata));
        assertEquals(3, lines(metadata, a.get(2)), "the newest finished job of a pair keeps its log");
        assertEquals(3, lines(metadata, b.get(0)), "a job with artifacts is kept with its log");
        assertEquals(3, lines(metadata, c.get(0)), "newest finished; a running job does not supersede it");
        assertEquals(3, lines(metadata, e.get(0)), "finished after the cut");
        try (ReadHandle read = metadata.read()) {
            assertEquals(1, read.jobArtifacts(b.get(0).uuid()).size());
        }
        assertEquals(JobsPruned.NONE, metadata.jobsPrune(cut, false), "a second run finds nothing");
    }

    @Test
    void logsOnlyKeepsTheJobsAndDropsTheLogsOfThoseWithArtifactsToo(Metadata metadata) {
        List<UUID> before = jobs(metadata);
        JobsPruned pruned = metadata.inTransaction(write -> write.jobsPrune(cut, true));
        assertEquals(new JobsPruned(0, 3, 9), pruned);
        assertEquals(before, jobs(metadata));
        assertEquals(0, lines(metadata, a.get(0)));
        assertEquals(0, lines(metadata, a.get(1)));
        assertEquals(0, lines(metadata, b.get(0)));
        assertEquals(3, lines(metadata, a.get(2)));
        assertEquals(3, lines(metadata, b.get(1)));
        try (ReadHandle read = metadata.read()) {
            assertEquals(1, read.jobArtifacts(b.get(0).uuid()).size());
        }
    }

    @Test
    void noDateOrAFutureDateIsRefusedAndNothingIsRemoved(Metadata metadata, TempDatabase database) throws Exception {
        long jobs = count(database, "SELECT count(*) FROM jobs");
        long chunks = count(database, "SELECT count(*) FROM job_logs");
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> metadata.jobsPrune(null, false));
        assertTrue(none.getMessage().contains("would remove every finished job"), none.getMessage());
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
        InvalidInputException future = assertThrows(InvalidInputException.class,
                () -> metadata.jobsPrune(tomorrow, true));
        assertTrue(future.getMessage().contains("is in the future"), future.getMessage());
        try (WriteHandle write = metadata.write()) {
            assertThrows(InvalidInputException.class, () -> write.jobsPrune(tomorrow, false));
        }
        assertEquals(jobs, count(database, "SELECT count(*) FROM jobs"));
        assertEquals(chunks, count(database, "SELECT count(*) FROM job_logs"));
    }

    /** 1,200 superseded jobs of one pair: three batches, each committed, every one but the newest removed. */
    @Test
    void largePrunesGoInBatches(Metadata metadata, TempDatabase database) throws Exception {
        execute(database, "INSERT INTO jobs (uuid, builder, target, crate_version, started, timeout, ended, success)"
                + " SELECT gen_random_uuid(), j.builder, j.target, j.crate_version, now() - interval '2 days' + i * interval '1 s',"
                + " now(), now() - interval '2 days' + i * interval '1 s', false"
                + " FROM jobs j, generate_series(1, 1200) i WHERE j.uuid = '" + e.get(1).uuid() + "'");
        execute(database, "INSERT INTO job_logs (job, stage, lines) SELECT id, 3, ARRAY['x', 'y'] FROM jobs"
                + " WHERE started < now() - interval '1 day'");
        Function<Metadata, JobsPruned> prune = m -> m.jobsPrune(Instant.now().minus(Duration.ofHours(1)), false);
        assertEquals(new JobsPruned(1200, 0, 2400), prune.apply(metadata),
                "all of pair 1.0.3's old jobs: its two recent ones are newer");
        assertEquals(0, count(database, "SELECT count(*) FROM jobs WHERE started < now() - interval '1 day'"));
    }

    @Test
    void downloadsPruneDropsOldDaysAndKeepsTotals(Metadata metadata, TempDatabase database) throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<DownloadCount> counts = IntStream.of(120, 91, 90, 30, 0)
                .mapToObj(d -> new DownloadCount(artifact, today.minusDays(d), d + 1L)).toList();
        metadata.useTransaction(write -> {
            write.artifactDownloadsAdd(counts);
        });
        long total = counts.stream().mapToLong(DownloadCount::count).sum();
        InvalidInputException future = assertThrows(InvalidInputException.class,
                () -> metadata.downloadsPrune(today.plusDays(1)));
        assertTrue(future.getMessage().contains("is in the future"), future.getMessage());
        assertThrows(InvalidInputException.class, () -> metadata.downloadsPrune(null));
        assertEquals(5, count(database, "SELECT count(*) FROM job_artifact_downloads"));

        assertEquals(2L, metadata.downloadsPrune(today.minusDays(90)));
        try (ReadHandle read = metadata.read()) {
            assertEquals(List.of(today.minusDays(90), today.minusDays(30), today),
                    read.artifactDownloads(artifact, today.minusDays(365), today).stream()
                            .map(DailyDownloads::date).toList());
            assertEquals(total, read.jobArtifacts(b.get(0).uuid()).get(0).downloads(), "the total is unchanged");
        }
        assertEquals(2L, (long) metadata.inTransaction(write -> write.downloadsPrune(today)), "all but today");
        assertEquals(0L, metadata.downloadsPrune(today));
    }
}
