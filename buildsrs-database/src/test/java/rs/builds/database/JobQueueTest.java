package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rs.builds.database.QueueFixture.ARM;
import static rs.builds.database.QueueFixture.LINUX;
import static rs.builds.database.QueueFixture.claim;
import static rs.builds.database.QueueFixture.claimAll;
import static rs.builds.database.QueueFixture.finish;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.temp.TempDatabase;

@ExtendWith(MetadataExtension.class)
@Tag("contract")
class JobQueueTest {
    @TempDir
    Path dir;

    private static String pair(JobInfo job) {
        return job.crate() + "@" + job.version() + "/" + job.target();
    }

    private static void write(Metadata metadata, java.util.function.Consumer<WriteHandle> work) {
        metadata.useTransaction(write -> {
            work.accept(write);
        });
    }

    @Test
    void claimCreatesARunningJobForTheNewestVersionFirst(Metadata metadata) throws Exception {
        QueueFixture.targets(metadata, LINUX);
        QueueFixture.versions(metadata, 2, 2);
        UUID builder = QueueFixture.builder(metadata, dir, LINUX);
        Instant before = Instant.now().minusSeconds(1);
        JobInfo job = claim(metadata, builder);
        assertNotNull(job);
        assertEquals("crate-1@1.0.1/" + LINUX, pair(job), "the version added last comes first");
        assertEquals(builder, job.builder());
        assertEquals(JobStage.INIT, job.stage());
        assertTrue(job.running());
        assertNull(job.success());
        assertTrue(job.started().isAfter(before));
        assertEquals(Duration.ofMinutes(15), Duration.between(job.started(), job.timeout()), "default lease");
        assertEquals(List.of("crate-1@1.0.0", "crate-0@1.0.1", "crate-0@1.0.0"),
                claimAll(metadata, builder).stream().map(j -> j.crate() + "@" + j.version()).toList());
        assertNull(claim(metadata, builder), "nothing left");
    }

    @Test
    void unknownOrDisabledBuilderGetsAClearError(Metadata metadata) throws Exception {
        QueueFixture.targets(metadata, LINUX);
        UUID builder = QueueFixture.builder(metadata, dir, LINUX);
        write(metadata, w -> w.builderSetEnabled(builder, false));
        try (WriteHandle write = metadata.write()) {
            ConflictException error = assertThrows(ConflictException.class, () -> write.jobRequest(builder));
            assertTrue(error.getMessage().contains("is disabled"), error.getMessage());
        }
        UUID unknown = UUID.randomUUID();
        try (WriteHandle write = metadata.write()) {
            assertThrows(NotFoundException.class, () -> write.jobRequest(unknown));
        }
        // the one-shot claim says the same
        ConflictException disabled = assertThrows(ConflictException.class, () -> metadata.jobRequest(builder));
        assertTrue(disabled.getMessage().contains("is disabled"), disabled.getMessage());
        assertThrows(NotFoundException.class, () -> metadata.jobRequest(unknown));
        assertThrows(InvalidInputException.class, () -> metadata.jobRequest(null));
    }

    @Test
    void oneShotClaimIsCommittedAtOnce(Metadata metadata) throws Exception {
        QueueFixture.targets(metadata, LINUX);
        QueueFixture.versions(metadata, 1, 2);
        UUID builder = QueueFixture.builder(metadata, dir, LINUX);
        JobInfo job = metadata.jobRequest(builder).orElseThrow();
        assertEquals("crate-0@1.0.1/" + LINUX, pair(job));
        try (ReadHandle read = metadata.read()) {
            assertEquals(job, read.jobInfo(job.uuid()), "visible to others: committed");
            assertEquals(1, read.queueStats().running());
        }
        assertEquals("crate-0@1.0.0/" + LINUX, pair(metadata.jobRequest(builder).orElseThrow()));
        assertTrue(metadata.jobRequest(builder).isEmpty(), "nothing left");
    }

    @Test
    void buildersGetOnlyTheirEnabledTargets(Metadata metadata) throws Exception {
        QueueFixture.targets(metadata, LINUX, ARM);
        QueueFixture.versions(metadata, 1, 3);
        UUID linuxOnly = QueueFixture.builder(metadata, dir, LINUX);
        assertTrue(claimAll(metadata, linuxOnly).stream().allMatch(j -> j.target().equals(LINUX)));
        UUID both = QueueFixture.builder(metadata, dir, LINUX, ARM);
        write(metadata, w -> w.targetSetEnabled(ARM, false));
        assertNull(claim(metadata, both), "a disabled target's pairs are not claimed");
        write(metadata, w -> w.targetSetEnabled(ARM, true));
        assertEquals(3, claimAll(metadata, both).size());
    }

    @Test
    void oneSuccessLeavesEveryOtherPairQueued(Metadata metadata) throws Exception {
        // the original's view lost its whole queue once any job had succeeded
        QueueFixture.targets(metadata, LINUX, ARM);
        QueueFixture.versions(metadata, 3, 2);
        UUID builder = QueueFixture.builder(metadata, dir, LINUX, ARM);
        finish(metadata, claim(metadata, builder), true);
        try (ReadHandle read = metadata.read()) {
            QueueStats stats = read.queueStats();
            assertEquals(11, stats.queued());
            assertEquals(1, stats.targets().stream().mapToLong(TargetQueueStats::succeeded).sum());
        }
        assertEquals(11, claimAll(metadata, builder).size());
    }

    @Test
    void yankedVersionsAndDisabledCratesAreNotBuilt(Metadata metadata) throws Exception {
        QueueFixture.targets(metadata, LINUX);
        QueueFixture.versions(metadata, 2, 1);
        write(metadata, w -> {
            w.crateVersionAdd("crate-0", "1.0.0", QueueFixture.checksum(0), true);
            w.crateSetEnabled("crate-1", false);
        });
        UUID builder = QueueFixture.builder(metadata, dir, LINUX);
        assertNull(claim(metadata, builder));
        write(metadata, w -> w.crateVersionAdd("crate-0", "1.0.0", QueueFixture.checksum(0), false));
        assertEquals("crate-0@1.0.0/" + LINUX, pair(claim(metadata, builder)));
        write(metadata, w -> w.crateSetEnabled("crate-1", true));
        assertEquals("crate-1@1.0.0/" + LINUX, pair(claim(metadata, builder)));
    }

    @Test
    void priorityJumpsOrSinksTheQueue(Metadata metadata) throws Exception {
        QueueFixture.targets(metadata, LINUX);
        QueueFixture.versions(metadata, 3, 1);
        write(metadata, w -> {
            w.crateSetPriority("crate-0", 10);
            w.crateSetPriority("crate-2", -1);
        });
        UUID builder = QueueFixture.builder(metadata, dir, LINUX);
        assertEquals(List.of("crate-0", "crate-1", "crate-2"),
                claimAll(metadata, builder).stream().map(JobInfo::crate).toList());
        try (WriteHandle write = metadata.write()) {
            assertThrows(NotFoundException.class, () -> write.crateSetPriority("nope", 1));
        }
    }

    @Test
    void lockedQueueHandsOutNothingUntilUnlocked(Metadata metadata) throws Exception {
        QueueFixture.targets(metadata, LINUX);
        QueueFixture.versions(metadata, 1, 1);
        UUID builder = QueueFixture.builder(metadata, dir, LINUX);
        write(metadata, WriteHandle::queueLock);
        assertNull(claim(metadata, builder));
        try (ReadHandle read = metadata.read()) {
            assertTrue(read.queueStats().locked());
            assertEquals(1, read.queueStats().queued());
        }
        write(metadata, WriteHandle::queueUnlock);
        assertNotNull(claim(metadata, builder));
    }

    @Test
    void failedPairsAreRetriedUntilOutOfAttemptsThenRequeued(Metadata metadata) throws Exception {
        QueueFixture.targets(metadata, LINUX);
        QueueFixture.versions(metadata, 1, 1);
        write(metadata, w -> w.queueConfigure(3, Duration.ofMinutes(5), Duration.ZERO));
        UUID builder = QueueFixture.builder(metadata, dir, LINUX);
        for (int attempt = 1; attempt <= 3; attempt++) {
            JobInfo job = claim(metadata, builder);
            assertNotNull(job, "attempt " + attempt);
            finish(metadata, job, false);
        }
        assertNull(claim(metadata, builder), "out of attempts");
        try (ReadHandle read = metadata.read()) {
            assertEquals(1, read.queueStats().failed());
            assertEquals(0, read.queueStats().queued());
        }
        write(metadata, w -> w.jobRequeue("crate-0", "1.0.0", LINUX));
        finish(metadata, claim(metadata, builder), true);
        assertNull(claim(metadata, builder), "built");
        write(metadata, w -> w.jobRequeue("crate-0", "1.0.0", LINUX));
        assertNotNull(claim(metadata, builder), "an admin may requeue a built pair to rebuild it");
    }

    @Test
    void failedPairWaitsOutTheBackoff(Metadata metadata) throws Exception {
        QueueFixture.targets(metadata, LINUX);
        QueueFixture.versions(metadata, 1, 1);
        UUID builder = QueueFixture.builder(metadata, dir, LINUX);
        finish(metadata, claim(metadata, builder), false);
        assertNull(claim(metadata, builder), "default backoff is ten minutes");
        try (ReadHandle read = metadata.read()) {
            assertEquals(1, read.queueStats().queued(), "still queued, just not yet");
        }
    }

    @Test
    void requeueErrors(Metadata metadata) throws Exception {
        QueueFixture.targets(metadata, LINUX);
        QueueFixture.versions(metadata, 1, 1);
        UUID builder = QueueFixture.builder(metadata, dir, LINUX);
        claim(metadata, builder);
        try (WriteHandle write = metadata.write()) {
            assertThrows(ConflictException.class, () -> write.jobRequeue("crate-0", "1.0.0", LINUX));
        }
        for (String[] bad : new String[][] {{"nope", "1.0.0", LINUX}, {"crate-0", "9.0.0", LINUX}, {"crate-0", "1.0.0", "x"}}) {
            try (WriteHandle write = metadata.write()) {
                assertThrows(NotFoundException.class, () -> write.jobRequeue(bad[0], bad[1], bad[2]));
            }
        }
    }

    @Test
    void expiredJobsFailAndTheirPairsReturnUntilOutOfAttempts(Metadata metadata) throws Exception {
        QueueFixture.targets(metadata, LINUX);
        QueueFixture.versions(metadata, 1, 1);
        write(metadata, w -> w.queueConfigure(2, Duration.ofSeconds(30), Duration.ZERO));
        UUID builder = QueueFixture.builder(metadata, dir, LINUX);
        JobInfo first = claim(metadata, builder);
        assertEquals(0, (int) metadata.inTransaction(w -> w.jobsExpire(Instant.now())), "lease not over yet");
        assertEquals(1, (int) metadata.inTransaction(w -> w.jobsExpire(first.timeout().plusSeconds(1))));
        try (ReadHandle read = metadata.read()) {
            JobInfo expired = read.jobInfo(first.uuid());
            assertEquals(Boolean.FALSE, expired.success());
            assertNotNull(expired.ended());
        }
        try (WriteHandle write = metadata.write()) {
            assertThrows(ConflictException.class, () -> write.jobFinish(first.uuid(), true), "an expired job is over");
        }
        JobInfo second = claim(metadata, builder);
        assertNotNull(second, "the pair is claimable again");
        assertEquals(1, (int) metadata.inTransaction(w -> w.jobsExpire(second.timeout().plusSeconds(1))));
        assertNull(claim(metadata, builder), "two attempts, both expired: out of the queue");
    }

    @Test
    void enablingATargetQueuesEveryExistingVersion(Metadata metadata) throws Exception {
        QueueFixture.versions(metadata, 2, 2);
        write(metadata, w -> w.targetAdd(LINUX));
        UUID builder = QueueFixture.builder(metadata, dir, LINUX);
        assertNull(claim(metadata, builder), "targets start disabled");
        write(metadata, w -> w.targetSetEnabled(LINUX, true));
        assertEquals(4, claimAll(metadata, builder).size());
    }

    @Test
    void queueSettingsAreValidatedAndStored(Metadata metadata) {
        write(metadata, w -> w.queueConfigure(5, Duration.ofMinutes(2), Duration.ofSeconds(90)));
        try (ReadHandle read = metadata.read()) {
            assertEquals(new QueueSettings(false, 5, Duration.ofMinutes(2), Duration.ofSeconds(90)), read.queueSettings());
        }
        for (Runnable bad : List.<Runnable>of(
                () -> write(metadata, w -> w.queueConfigure(0, Duration.ofMinutes(1), Duration.ZERO)),
                () -> write(metadata, w -> w.queueConfigure(3, Duration.ZERO, Duration.ZERO)),
                () -> write(metadata, w -> w.queueConfigure(3, Duration.ofMinutes(1), Duration.ofSeconds(-1))))) {
            assertThrows(InvalidInputException.class, bad::run);
        }
    }

    @Test
    void concurrentBuildersClaimEveryPairExactlyOnce(Metadata metadata, TempDatabase database) throws Exception {
        QueueFixture.targets(metadata, LINUX, ARM);
        QueueFixture.versions(metadata, 25, 8);
        int threads = 16;
        List<UUID> builders = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            builders.add(QueueFixture.builder(metadata, dir, LINUX, ARM));
        }
        ConcurrentLinkedQueue<JobInfo> claimed = new ConcurrentLinkedQueue<>();
        // a connection per builder, so the claims really run side by side
        try (Metadata pool = MetadataExtension.connect(database, threads)) {
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    UUID builder = builders.get(i);
                    if (i % 2 == 0) {
                        runs.add(executor.submit(() -> claimed.addAll(claimAll(pool, builder))));
                    } else { // half of them claim one-shot, outside a transaction of the caller's
                        runs.add(executor.submit(() -> {
                            for (var job = pool.jobRequest(builder); job.isPresent(); job = pool.jobRequest(builder)) {
                                claimed.add(job.get());
                            }
                        }));
                    }
                }
                for (Future<?> run : runs) {
                    run.get(2, TimeUnit.MINUTES); // rethrows any error of a claiming thread
                }
            } finally {
                executor.shutdownNow();
            }
        }
        List<String> pairs = claimed.stream().map(JobQueueTest::pair).toList();
        assertEquals(25 * 8 * 2, pairs.size());
        assertEquals(pairs.size(), Set.copyOf(pairs).size(), "no pair claimed twice");
        assertTrue(claimed.stream().map(JobInfo::builder).collect(Collectors.toSet()).size() > 1,
                "the work was spread over builders");
        try (ReadHandle read = metadata.read()) {
            assertEquals(0, read.queueStats().queued());
            assertEquals(400, read.queueStats().running());
        }
    }

    @Test
    void listenerIsNotifiedWhenWorkArrives(Metadata metadata) throws Exception {
        QueueFixture.targets(metadata, LINUX);
        try (QueueListener listener = metadata.queueListener()) {
            assertFalse(listener.await(Duration.ofMillis(50)), "nothing happened yet");
            QueueFixture.versions(metadata, 1, 1);
            assertTrue(listener.await(Duration.ofSeconds(10)), "a new version was queued");
            assertFalse(listener.await(Duration.ofMillis(50)), "one notification per transaction");
            write(metadata, WriteHandle::queueLock);
            assertFalse(listener.await(Duration.ofMillis(50)), "locking adds no work");
            write(metadata, WriteHandle::queueUnlock);
            assertTrue(listener.await(Duration.ofSeconds(10)), "unlocking lets claims resume");
            try (WriteHandle write = metadata.write()) {
                write.crateVersionAdd("crate-0", "2.0.0", QueueFixture.checksum(99), false);
                // rolled back: never committed, never notified
            }
            assertFalse(listener.await(Duration.ofMillis(200)));
        }
    }
}
