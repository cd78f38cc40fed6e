package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rs.builds.database.QueueFixture.ARM;
import static rs.builds.database.QueueFixture.LINUX;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.temp.TempDatabase;

/** {@link ReadHandle#jobList}: the version and success criteria, and unknown names as errors. */
@ExtendWith(MetadataExtension.class)
class JobListTest {
    @TempDir
    Path dir;
    UUID builder;
    /** The jobs by "crate@version": crate-0@1.0.0 succeeded, crate-0@1.0.1 and crate-1@1.0.0 failed,
     *  crate-1@1.0.1 runs. */
    final Map<String, JobInfo> jobs = new HashMap<>();

    @BeforeEach
    void fourJobs(Metadata metadata) throws Exception {
        QueueFixture.targets(metadata, LINUX, ARM);
        QueueFixture.versions(metadata, 2, 2);
        builder = QueueFixture.builder(metadata, dir, LINUX);
        for (JobInfo job : QueueFixture.claimAll(metadata, builder)) {
            jobs.put(job.crate() + "@" + job.version(), job);
        }
        assertEquals(4, jobs.size(), jobs.keySet().toString());
        QueueFixture.finish(metadata, job("crate-0@1.0.0"), true);
        QueueFixture.finish(metadata, job("crate-0@1.0.1"), false);
        QueueFixture.finish(metadata, job("crate-1@1.0.0"), false);
    }

    private JobInfo job(String pair) {
        JobInfo job = jobs.get(pair);
        assertTrue(job != null, pair);
        return job;
    }

    /** @return the pairs ("crate@version") of the jobs the filter lists, in the order listed */
    private static List<String> list(Metadata metadata, JobFilter filter) {
        try (ReadHandle read = metadata.read()) {
            return read.jobList(filter).stream().map(job -> job.crate() + "@" + job.version()).toList();
        }
    }

    private static <E extends Throwable> E fails(Metadata metadata, Class<E> type, JobFilter filter) {
        try (ReadHandle read = metadata.read()) {
            return assertThrows(type, () -> read.jobList(filter));
        }
    }

    /** jobList writes out job_details' projection (jobList.sql says why); each listed job is what jobInfo shows. */
    @Test
    void eachListedJobIsWhatJobInfoShows(Metadata metadata) {
        try (ReadHandle read = metadata.read()) {
            List<JobInfo> listed = read.jobList(JobFilter.all());
            assertEquals(4, listed.size());
            for (JobInfo job : listed) {
                assertEquals(read.jobInfo(job.uuid()), job);
            }
        }
    }

    @Test
    void versionNarrowsACrateToOneVersion(Metadata metadata) {
        assertEquals(List.of("crate-0@1.0.1"), list(metadata, JobFilter.all().crate("crate-0").version("1.0.1")));
        assertEquals(List.of("crate-1@1.0.0"), list(metadata, JobFilter.all().crate("crate-1").version("1.0.0")));
        // the order of the fluent calls does not matter
        assertEquals(List.of("crate-0@1.0.0"), list(metadata, JobFilter.all().version("1.0.0").crate("crate-0")));
        assertEquals(List.of("crate-0@1.0.0"),
                list(metadata, JobFilter.all().crate("crate-0").version("1.0.0").target(LINUX).builder(builder)));
    }

    @Test
    void successFalseListsFailedJobsOnlyAndTrueSucceededOnes(Metadata metadata) {
        List<String> failed = list(metadata, JobFilter.all().success(false));
        assertEquals(2, failed.size(), failed.toString());
        assertEquals(Set.of("crate-0@1.0.1", "crate-1@1.0.0"), Set.copyOf(failed));
        assertEquals(List.of("crate-0@1.0.0"), list(metadata, JobFilter.all().success(true)));
        assertEquals(failed, list(metadata, JobFilter.all().success(false).active(false)), "failed jobs are finished");
        assertEquals(List.of("crate-0@1.0.1"), list(metadata, JobFilter.all().crate("crate-0").success(false)));
        assertEquals(List.of("crate-0@1.0.1"),
                list(metadata, JobFilter.all().crate("crate-0").version("1.0.1").success(false)));
        assertEquals(List.of(), list(metadata, JobFilter.all().crate("crate-0").version("1.0.1").success(true)));
        // crate-1@1.0.1 runs: it neither succeeded nor failed
        assertEquals(List.of(), list(metadata, JobFilter.all().crate("crate-1").version("1.0.1").success(true)));
        assertEquals(List.of(), list(metadata, JobFilter.all().crate("crate-1").version("1.0.1").success(false)));
        assertEquals(List.of("crate-1@1.0.1"), list(metadata, JobFilter.all().crate("crate-1").version("1.0.1")));
        assertEquals(failed.subList(1, 2), list(metadata, JobFilter.all().success(false).page(1, 1)), "paged");
    }

    @Test
    void aVersionNeedsItsCrate(Metadata metadata) {
        InvalidInputException error = fails(metadata, InvalidInputException.class, JobFilter.all().version("1.0.0"));
        assertEquals("job filter has version '1.0.0' but no crate; a version means nothing without its crate: give"
                + " the crate too", error.getMessage());
        fails(metadata, InvalidInputException.class, JobFilter.all().target(LINUX).version("1.0.0").success(false));
        InvalidInputException empty = fails(metadata, InvalidInputException.class,
                JobFilter.all().crate("crate-0").version(""));
        assertTrue(empty.getMessage().startsWith("version must not be empty: a version is a SemVer 2.0 version"),
                empty.getMessage());
        fails(metadata, InvalidInputException.class, JobFilter.all().crate("crate-0").version("1\0"));
    }

    /** Running and finished jobs of a version are in two indexes (V14): a list by crate or version reads both. */
    @Test
    void aCratesRunningAndFinishedJobsAreListedTogether(Metadata metadata) throws Exception {
        assertEquals(Set.of("crate-1@1.0.0", "crate-1@1.0.1"),
                Set.copyOf(list(metadata, JobFilter.all().crate("crate-1"))));
        assertEquals(List.of("crate-1@1.0.1"), list(metadata, JobFilter.all().crate("crate-1").version("1.0.1")));
        assertEquals(List.of("crate-1@1.0.1"), list(metadata, JobFilter.all().crate("crate-1").active(true)));
        assertEquals(List.of("crate-1@1.0.0"), list(metadata, JobFilter.all().crate("crate-1").active(false)));
        // the running job ends: listed the same, now from the index of finished jobs
        QueueFixture.finish(metadata, job("crate-1@1.0.1"), true);
        assertEquals(Set.of("crate-1@1.0.0", "crate-1@1.0.1"),
                Set.copyOf(list(metadata, JobFilter.all().crate("crate-1"))));
        assertEquals(List.of("crate-1@1.0.1"), list(metadata, JobFilter.all().crate("crate-1").success(true)));
        assertEquals(List.of(), list(metadata, JobFilter.all().crate("crate-1").active(true)));
    }

    /**
     * A builder's list starts at its newest job (jobList.sql bounds the scan there): one that stopped before another
     * builder's jobs lists its own, newest first, its newest included, and pages through them.
     */
    @Test
    void aBuilderThatStoppedListsItsOwnJobsFromItsNewest(Metadata metadata) throws Exception {
        List<String> own = list(metadata, JobFilter.all().builder(builder));
        assertEquals(jobs.keySet(), Set.copyOf(own));
        UUID later = QueueFixture.builder(metadata, dir, ARM);
        List<JobInfo> newer = QueueFixture.claimAll(metadata, later);
        assertEquals(4, newer.size());
        assertEquals(own, list(metadata, JobFilter.all().builder(builder)));
        assertEquals(own.subList(0, 1), list(metadata, JobFilter.all().builder(builder).page(1, 0)));
        assertEquals(own.subList(3, 4), list(metadata, JobFilter.all().builder(builder).page(2, 3)));
        assertEquals(Set.of("crate-0@1.0.1", "crate-1@1.0.0"),
                Set.copyOf(list(metadata, JobFilter.all().builder(builder).success(false))));
        List<UUID> newestFirst = new ArrayList<>(newer.stream().map(JobInfo::uuid).toList());
        Collections.reverse(newestFirst);
        try (ReadHandle read = metadata.read()) {
            assertEquals(newestFirst,
                    read.jobList(JobFilter.all().builder(later)).stream().map(JobInfo::uuid).toList());
        }
    }

    @Test
    void runningJobsHaveNoResultToFilterBy(Metadata metadata) {
        InvalidInputException error = fails(metadata, InvalidInputException.class,
                JobFilter.all().active(true).success(false));
        assertTrue(error.getMessage().startsWith("job filter asks for running jobs that failed, but a running job has"
                + " no result yet; drop active(true)"), error.getMessage());
        fails(metadata, InvalidInputException.class, JobFilter.all().success(true).active(true));
        assertEquals(List.of("crate-1@1.0.1"), list(metadata, JobFilter.all().active(true)));
    }

    @Test
    void unknownNamesAreNotFoundNamingWhat(Metadata metadata) {
        UUID nobody = UUID.randomUUID();
        NotFoundException noBuilder = fails(metadata, NotFoundException.class, JobFilter.all().builder(nobody));
        assertEquals("builder '" + nobody + "' does not exist", noBuilder.getMessage());
        assertEquals("builder", noBuilder.entity());
        assertEquals(nobody.toString(), noBuilder.key());
        NotFoundException noTarget = fails(metadata, NotFoundException.class, JobFilter.all().target("nope"));
        assertEquals("target 'nope' does not exist", noTarget.getMessage());
        NotFoundException noCrate = fails(metadata, NotFoundException.class, JobFilter.all().crate("nope"));
        assertEquals("crate 'nope' does not exist", noCrate.getMessage());
        assertEquals("crate", noCrate.entity());
        NotFoundException noVersion = fails(metadata, NotFoundException.class,
                JobFilter.all().crate("crate-0").version("9.9.9"));
        assertEquals("version of crate 'crate-0' '9.9.9' does not exist", noVersion.getMessage());
        assertEquals("9.9.9", noVersion.key());
    }

    @Test
    void anUnknownNameIsReportedWithoutReadingJobs(Metadata metadata, TempDatabase database) throws Exception {
        // jobs locked against any reader: a list that read jobs before finding the name unknown (it scanned every job
        // for a misspelt target) would wait on the lock; resolved first, the names are reported without touching it
        try (Connection locker = database.dataSource().getConnection();
             Statement statement = locker.createStatement()) {
            locker.setAutoCommit(false);
            statement.execute("LOCK TABLE jobs IN ACCESS EXCLUSIVE MODE");
            ExecutorService thread = Executors.newSingleThreadExecutor();
            try {
                Future<String> misspelt = thread.submit(() -> fails(metadata, NotFoundException.class,
                        JobFilter.all().target("x86_64-unknown-linux-gnux").success(false)).getMessage());
                assertEquals("target 'x86_64-unknown-linux-gnux' does not exist", misspelt.get(60, TimeUnit.SECONDS),
                        "reported while jobs are locked");
                Future<String> version = thread.submit(() -> fails(metadata, NotFoundException.class,
                        JobFilter.all().crate("crate-0").version("9.9.9").builder(builder)).getMessage());
                assertEquals("version of crate 'crate-0' '9.9.9' does not exist", version.get(60, TimeUnit.SECONDS));
            } finally {
                locker.rollback();
                thread.shutdownNow();
            }
        }
        assertEquals(Set.of("crate-1@1.0.0", "crate-0@1.0.1"), Set.copyOf(list(metadata, JobFilter.all().success(false))),
                "lists again once the lock is gone");
    }

    @Test
    void theFirstUnknownNameIsReportedWhateverElseTheFilterSays(Metadata metadata) {
        assertEquals("crate 'nope' does not exist", fails(metadata, NotFoundException.class,
                JobFilter.all().crate("nope").version("1.0.0")).getMessage(), "the crate before its version");
        assertEquals("target 'nope' does not exist", fails(metadata, NotFoundException.class,
                JobFilter.all().target("nope").crate("nope")).getMessage());
        UUID nobody = UUID.randomUUID();
        assertEquals("builder '" + nobody + "' does not exist", fails(metadata, NotFoundException.class,
                JobFilter.all().builder(nobody).target("nope")).getMessage());
        // criteria that match nothing, or a page past the end, do not hide an unknown name
        assertEquals("target 'nope' does not exist", fails(metadata, NotFoundException.class,
                JobFilter.all().target("nope").success(true).active(false).page(5, 100)).getMessage());
        assertEquals("version of crate 'crate-0' '9.9.9' does not exist", fails(metadata, NotFoundException.class,
                JobFilter.all().crate("crate-0").version("9.9.9").target(LINUX).builder(builder)).getMessage());
    }

    @Test
    void aVersionOfAnotherCrateIsNotFound(Metadata metadata) {
        metadata.useTransaction(write -> {
            write.crateVersionAdd("crate-0", "2.0.0", QueueFixture.checksum(2000), false);
        });
        assertEquals(List.of(), list(metadata, JobFilter.all().crate("crate-0").version("2.0.0")), "exists, no job");
        assertEquals("version of crate 'crate-1' '2.0.0' does not exist", fails(metadata, NotFoundException.class,
                JobFilter.all().crate("crate-1").version("2.0.0")).getMessage());
    }

    @Test
    void namesThatExistButHaveNoJobsListNothing(Metadata metadata) throws Exception {
        UUID idle = QueueFixture.builder(metadata, dir, ARM);
        metadata.useTransaction(write -> {
            write.crateAdd("no-versions");
        });
        assertEquals(List.of(), list(metadata, JobFilter.all().builder(idle)));
        assertEquals(List.of(), list(metadata, JobFilter.all().target(ARM)));
        assertEquals(List.of(), list(metadata, JobFilter.all().crate("no-versions")));
        assertEquals(List.of(), list(metadata, JobFilter.all().builder(builder).target(ARM)));
        assertEquals(List.of(), list(metadata, JobFilter.all().crate("crate-0").page(10, 2)), "past the last page");
        assertEquals(4, list(metadata, JobFilter.all().builder(builder).target(LINUX)).size());
    }

    @Test
    void aFailedListInAWriteHandleRollsItBack(Metadata metadata) {
        try (WriteHandle write = metadata.write()) {
            write.crateAdd("kept-only-if-committed");
            assertThrows(NotFoundException.class, () -> write.jobList(JobFilter.all().crate("nope")));
            assertThrows(IllegalStateException.class, write::commit);
        }
        try (ReadHandle read = metadata.read()) {
            assertThrows(NotFoundException.class, () -> read.crateInfo("kept-only-if-committed"));
        }
    }
}
