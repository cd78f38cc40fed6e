package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rs.builds.database.QueueFixture.LINUX;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.temp.TempDatabase;

@ExtendWith(MetadataExtension.class)
class JobLifecycleTest {
    @TempDir
    Path dir;
    UUID builder;
    JobInfo job;

    @BeforeEach
    void claimOne(Metadata metadata) throws Exception {
        QueueFixture.targets(metadata, LINUX);
        QueueFixture.versions(metadata, 2, 2);
        builder = QueueFixture.builder(metadata, dir, LINUX);
        job = QueueFixture.claim(metadata, builder);
    }

    private static void write(Metadata metadata, Consumer<WriteHandle> work) {
        metadata.useTransaction(write -> {
            work.accept(write);
        });
    }

    private static <E extends Throwable> E fails(Metadata metadata, Class<E> type, Consumer<WriteHandle> work) {
        try (WriteHandle write = metadata.write()) {
            return assertThrows(type, () -> work.accept(write));
        }
    }

    @Test
    void stagesOnlyMoveForward(Metadata metadata) {
        write(metadata, w -> w.jobStage(job.uuid(), JobStage.FETCH));
        write(metadata, w -> w.jobStage(job.uuid(), JobStage.UPLOAD)); // skipping is forward too
        ConflictException back = fails(metadata, ConflictException.class, w -> w.jobStage(job.uuid(), JobStage.BUILD));
        assertTrue(back.getMessage().contains("at stage upload already"), back.getMessage());
        fails(metadata, ConflictException.class, w -> w.jobStage(job.uuid(), JobStage.UPLOAD));
        try (ReadHandle read = metadata.read()) {
            assertEquals(JobStage.UPLOAD, read.jobInfo(job.uuid()).stage());
        }
    }

    @Test
    void finishedJobIsImmutable(Metadata metadata) {
        QueueFixture.finish(metadata, job, true);
        for (Consumer<WriteHandle> change : List.<Consumer<WriteHandle>>of(
                w -> w.jobStage(job.uuid(), JobStage.BUILD),
                w -> w.jobLog(job.uuid(), List.of("late")),
                w -> w.jobHeartbeat(job.uuid()),
                w -> w.jobFinish(job.uuid(), false),
                w -> w.jobArtifactAdd(job.uuid(), "late.tar", "h", 1, "s"))) {
            ConflictException error = fails(metadata, ConflictException.class, change);
            assertTrue(error.getMessage().contains("has finished"), error.getMessage());
        }
        try (ReadHandle read = metadata.read()) {
            JobInfo finished = read.jobInfo(job.uuid());
            assertEquals(Boolean.TRUE, finished.success());
            assertEquals(JobStage.INIT, finished.stage());
            assertEquals(0, read.jobLogs(job.uuid(), line -> { }));
        }
    }

    @Test
    void unknownJobIsNotFound(Metadata metadata) {
        UUID unknown = UUID.randomUUID();
        fails(metadata, NotFoundException.class, w -> w.jobFinish(unknown, true));
        fails(metadata, NotFoundException.class, w -> w.jobLog(unknown, List.of("x")));
        try (ReadHandle read = metadata.read()) {
            assertEquals("job '" + unknown + "' does not exist",
                    assertThrows(NotFoundException.class, () -> read.jobInfo(unknown)).getMessage());
            assertThrows(NotFoundException.class, () -> read.jobLogs(unknown, line -> { }));
        }
    }

    @Test
    void logsAreAppendedInBatchesAndStreamedBackInOrderWithStages(Metadata metadata) {
        write(metadata, w -> w.jobLog(job.uuid(), List.of("cloning", "")));
        List<String> awkward = List.of("back\\slash \\N \\. tab\there", "cr\rlf\r\nend", "\\", "🦀 \u0001 \u007f", "'; --");
        write(metadata, w -> w.jobLog(job.uuid(), awkward)); // a few lines: INSERT
        List<String> awkwardBatch = IntStream.range(0, 4).boxed().flatMap(i -> awkward.stream()).toList();
        write(metadata, w -> w.jobLog(job.uuid(), awkwardBatch)); // 20 lines: COPY, with its escapes
        write(metadata, w -> w.jobStage(job.uuid(), JobStage.BUILD));
        List<String> many = IntStream.range(0, 5000).mapToObj(i -> "line " + i + " ✓ \t tab").toList();
        write(metadata, w -> w.jobLog(job.uuid(), many));
        write(metadata, w -> w.jobLog(job.uuid(), List.of()));
        List<JobLogLine> read = new ArrayList<>();
        long count;
        try (ReadHandle handle = metadata.read()) {
            count = handle.jobLogs(job.uuid(), read::add);
        }
        assertEquals(5027, count);
        assertEquals(new JobLogLine(JobStage.INIT, "cloning"), read.get(0));
        assertEquals(new JobLogLine(JobStage.INIT, ""), read.get(1));
        assertEquals(awkward, read.subList(2, 7).stream().map(JobLogLine::line).toList(), "stored byte for byte");
        assertEquals(awkwardBatch, read.subList(7, 27).stream().map(JobLogLine::line).toList(), "the same by COPY");
        assertEquals(many, read.subList(27, read.size()).stream().map(JobLogLine::line).toList());
        assertTrue(read.subList(27, read.size()).stream().allMatch(l -> l.stage() == JobStage.BUILD));
        // a write handle streams the same, and sees its own uncommitted lines
        try (WriteHandle write = metadata.write()) {
            write.jobLog(job.uuid(), List.of("uncommitted"));
            List<JobLogLine> seen = new ArrayList<>();
            write.jobLogs(job.uuid(), seen::add);
            assertEquals("uncommitted", seen.get(seen.size() - 1).line());
        }
    }

    @Test
    void logLinesReferenceTheirJobLikeAForeignKey(Metadata metadata, TempDatabase database) throws Exception {
        write(metadata, w -> w.jobLog(job.uuid(), List.of("one", "two")));
        try (Connection connection = database.dataSource().getConnection(); var statement = connection.createStatement()) {
            SQLException orphan = assertThrows(SQLException.class, () -> statement.execute(
                    "INSERT INTO job_logs (job, stage, lines) VALUES (424242, 1, ARRAY['orphan'])"));
            assertEquals("23503", orphan.getSQLState());
            SQLException badStage = assertThrows(SQLException.class, () -> statement.execute(
                    "INSERT INTO job_logs (job, stage, lines) SELECT id, 9, ARRAY['x'] FROM jobs LIMIT 1"));
            assertEquals("23514", badStage.getSQLState());
            statement.execute("DELETE FROM job_queue");
            statement.execute("DELETE FROM jobs");
            var rows = statement.executeQuery("SELECT count(*) FROM job_logs");
            rows.next();
            assertEquals(0, rows.getLong(1), "deleting a job deletes its lines");
        }
    }

    @Test
    void badLogLinesAreRejectedWholeBatch(Metadata metadata) {
        InvalidInputException error = fails(metadata, InvalidInputException.class,
                w -> w.jobLog(job.uuid(), List.of("fine", "nul\0here")));
        assertTrue(error.getMessage().startsWith("log line 1 must not contain a NUL"), error.getMessage());
        try (ReadHandle read = metadata.read()) {
            assertEquals(0, read.jobLogs(job.uuid(), line -> { }));
        }
    }

    @Test
    void heartbeatExtendsTheLeaseAndMarksTheBuilder(Metadata metadata) throws Exception {
        write(metadata, w -> w.queueConfigure(3, Duration.ofHours(1), Duration.ofMinutes(1)));
        Instant before = Instant.now().minusSeconds(1);
        write(metadata, w -> w.jobHeartbeat(job.uuid()));
        try (ReadHandle read = metadata.read()) {
            JobInfo beat = read.jobInfo(job.uuid());
            assertTrue(beat.timeout().isAfter(before.plus(Duration.ofMinutes(59))), beat.timeout().toString());
            Instant heartbeat = read.builderGet(builder).heartbeat();
            assertNotNull(heartbeat);
            assertTrue(heartbeat.isAfter(before));
        }
    }

    @Test
    void artifactsOnlyWhileRunningWithUniqueNames(Metadata metadata) {
        long docs = metadata.inTransaction(w -> w.jobArtifactAdd(job.uuid(), "docs.tar.gz", "sha256:aa", 1024, "sig"));
        metadata.inTransaction(w -> w.jobArtifactAdd(job.uuid(), "crate.tar", "sha256:bb", 0, ""));
        ConflictException duplicate = fails(metadata, ConflictException.class,
                w -> w.jobArtifactAdd(job.uuid(), "docs.tar.gz", "sha256:cc", 1, "sig"));
        assertTrue(duplicate.getMessage().contains("'docs.tar.gz' already"), duplicate.getMessage());
        fails(metadata, InvalidInputException.class, w -> w.jobArtifactAdd(job.uuid(), "neg", "h", -1, "s"));
        try (ReadHandle read = metadata.read()) {
            List<ArtifactInfo> artifacts = read.jobArtifacts(job.uuid());
            assertEquals(List.of("crate.tar", "docs.tar.gz"), artifacts.stream().map(ArtifactInfo::name).toList());
            assertEquals(new ArtifactInfo(docs, job.uuid(), "docs.tar.gz", "sha256:aa", 1024, "sig", 0),
                    artifacts.get(1));
        }
    }

    @Test
    void anArtifactBeingAddedHoldsOffTheJobsFinish(Metadata metadata, TempDatabase database) throws Exception {
        try (WriteHandle write = metadata.write();
             Connection other = database.dataSource().getConnection();
             var statement = other.createStatement()) {
            write.jobArtifactAdd(job.uuid(), "docs.tar", "h", 1, "s");
            // what jobFinish and jobsExpire do to the row, from another transaction, while the artifact is uncommitted
            statement.execute("SET lock_timeout = '200ms'");
            SQLException blocked = assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "UPDATE jobs SET ended = now(), success = false WHERE uuid = '" + job.uuid() + "'"));
            assertEquals("55P03", blocked.getSQLState(), blocked.getMessage());
            write.commit();
        }
    }

    @Test
    void downloadBatchesAddUpDailyAndInTotal(Metadata metadata) {
        long a = metadata.inTransaction(w -> w.jobArtifactAdd(job.uuid(), "a", "h", 1, "s"));
        long b = metadata.inTransaction(w -> w.jobArtifactAdd(job.uuid(), "b", "h", 1, "s"));
        LocalDate day1 = LocalDate.of(2026, 11, 27);
        LocalDate day2 = day1.plusDays(1);
        write(metadata, w -> w.artifactDownloadsAdd(List.of(new DownloadCount(a, day1, 3),
                new DownloadCount(a, day1, 2), new DownloadCount(b, day2, 7), new DownloadCount(a, day2, 1))));
        write(metadata, w -> w.artifactDownloadsAdd(List.of(new DownloadCount(a, day2, 4))));
        write(metadata, w -> w.artifactDownloadsAdd(List.of()));
        try (ReadHandle read = metadata.read()) {
            assertEquals(List.of(new DailyDownloads(day1, 5), new DailyDownloads(day2, 5)),
                    read.artifactDownloads(a, day1, day2));
            assertEquals(List.of(new DailyDownloads(day2, 5)), read.artifactDownloads(a, day2, day2));
            assertEquals(List.of(10L, 7L), read.jobArtifacts(job.uuid()).stream().map(ArtifactInfo::downloads).toList(),
                    "totals equal the sums of the daily rows");
        }
        NotFoundException missing = fails(metadata, NotFoundException.class, w -> w.artifactDownloadsAdd(List.of(
                new DownloadCount(a, day1, 100), new DownloadCount(424242, day1, 1))));
        assertEquals("artifact '424242' does not exist", missing.getMessage());
        fails(metadata, InvalidInputException.class, w -> w.artifactDownloadsAdd(List.of(new DownloadCount(a, day1, -1))));
        try (ReadHandle read = metadata.read()) {
            assertEquals(new DailyDownloads(day1, 5), read.artifactDownloads(a, day1, day1).get(0), "nothing added");
            assertThrows(NotFoundException.class, () -> read.artifactDownloads(424242, day1, day2));
        }
    }

    @Test
    void jobListFiltersAndPagesNewestFirst(Metadata metadata) throws Exception {
        JobInfo second = QueueFixture.claim(metadata, builder);
        QueueFixture.finish(metadata, job, true);
        UUID other = QueueFixture.builder(metadata, dir, LINUX);
        JobInfo third = QueueFixture.claim(metadata, other);
        try (ReadHandle read = metadata.read()) {
            assertEquals(List.of(third.uuid(), second.uuid(), job.uuid()), uuids(read.jobList(JobFilter.all())));
            assertEquals(List.of(second.uuid(), job.uuid()), uuids(read.jobList(JobFilter.all().builder(builder))));
            assertEquals(List.of(third.uuid(), second.uuid()), uuids(read.jobList(JobFilter.all().active(true))));
            assertEquals(List.of(job.uuid()), uuids(read.jobList(JobFilter.all().active(false))));
            assertEquals(List.of(second.uuid()), uuids(read.jobList(JobFilter.all().page(1, 1))));
            assertEquals(3, read.jobList(JobFilter.all().target(LINUX)).size());
            assertThrows(NotFoundException.class, () -> read.jobList(JobFilter.all().target("nope")));
            assertEquals(uuids(read.jobList(JobFilter.all().crate(job.crate()))).size(),
                    (job.crate().equals(second.crate()) ? 2 : 1) + (job.crate().equals(third.crate()) ? 1 : 0));
            assertThrows(InvalidInputException.class, () -> read.jobList(JobFilter.all().page(0, 0)));
            assertThrows(InvalidInputException.class, () -> read.jobList(JobFilter.all().page(10, -1)));
        }
    }

    @Test
    void countsSeeTheWorld(Metadata metadata) {
        write(metadata, w -> w.jobHeartbeat(job.uuid()));
        try (ReadHandle read = metadata.read()) {
            assertEquals(new MetadataCounts(2, 4, 1, 1, 1, 1, 1, 1), read.counts(Duration.ofMinutes(5)));
            assertEquals(0, read.counts(Duration.ZERO).buildersSeen());
            assertThrows(InvalidInputException.class, () -> read.counts(Duration.ofSeconds(-1)));
            assertThrows(InvalidInputException.class, () -> read.counts(Duration.ofDays(366)));
            assertThrows(InvalidInputException.class, () -> read.counts(Duration.ofSeconds(Long.MAX_VALUE)));
        }
    }

    private static List<UUID> uuids(List<JobInfo> jobs) {
        return jobs.stream().map(JobInfo::uuid).toList();
    }
}
