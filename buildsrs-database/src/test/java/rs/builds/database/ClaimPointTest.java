package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rs.builds.database.QueueFixture.LINUX;
import static rs.builds.database.QueueFixture.claim;
import static rs.builds.database.QueueFixture.claimAll;
import static rs.builds.database.QueueFixture.finish;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.temp.TempDatabase;

/**
 * A session's next claim starts where its last one was in claim order (see V4__claim_after_last_claim.sql). These
 * tests claim through one connection, so every claim after the first starts from that point, and check that no
 * pair ahead of the point is passed over for long or lost.
 */
@ExtendWith(MetadataExtension.class)
class ClaimPointTest {
    @TempDir
    Path dir;

    private static void write(Metadata metadata, Consumer<WriteHandle> work) {
        metadata.useTransaction(write -> {
            work.accept(write);
        });
    }

    private static String name(JobInfo job) {
        return job.crate() + "@" + job.version();
    }

    @Test
    void workQueuedAheadOfTheLastClaimComesNext(TempDatabase database) throws Exception {
        try (Metadata session = MetadataExtension.connect(database, 1)) {
            QueueFixture.targets(session, LINUX);
            QueueFixture.versions(session, 4, 1);
            write(session, w -> w.queueConfigure(3, Duration.ofMinutes(5), Duration.ZERO));
            UUID builder = QueueFixture.builder(session, dir, LINUX);
            JobInfo first = claim(session, builder);
            assertEquals("crate-3@1.0.0", name(first));
            assertEquals("crate-2@1.0.0", name(claim(session, builder)));

            finish(session, first, false);
            assertEquals("crate-3@1.0.0", name(claim(session, builder)), "a failed pair ahead is retried first");

            write(session, w -> w.crateVersionAdd("crate-0", "2.0.0", QueueFixture.checksum(9), false));
            assertEquals("crate-0@2.0.0", name(claim(session, builder)), "a new version is newest");

            write(session, w -> w.crateSetPriority("crate-0", 5));
            assertEquals("crate-0@1.0.0", name(claim(session, builder)), "a raised priority jumps ahead");

            assertEquals(List.of("crate-1@1.0.0"), claimAll(session, builder).stream().map(ClaimPointTest::name)
                    .toList());
        }
    }

    @Test
    void workCommittedWhileAClaimScannedComesNextToo(TempDatabase database) throws Exception {
        try (Metadata session = MetadataExtension.connect(database, 1);
             Metadata other = MetadataExtension.connect(database, 1)) {
            QueueFixture.targets(session, LINUX);
            QueueFixture.versions(session, 4, 1);
            UUID builder = QueueFixture.builder(session, dir, LINUX);
            assertEquals("crate-3@1.0.0", name(claim(session, builder)));
            try (WriteHandle writer = other.write()) {
                writer.crateVersionAdd("crate-0", "2.0.0", QueueFixture.checksum(9), false);
                // this claim cannot see the new version yet
                assertEquals("crate-2@1.0.0", name(claim(session, builder)));
                writer.commit();
            }
            assertEquals("crate-0@2.0.0", name(claim(session, builder)), "the new version, committed after that claim");
        }
    }

    @Test
    void pairReleasedByARolledBackClaimIsClaimedWithinAFewHundredClaims(TempDatabase database) throws Exception {
        int versions = 600;
        try (Metadata session = MetadataExtension.connect(database, 1);
             Metadata other = MetadataExtension.connect(database, 1)) {
            QueueFixture.targets(session, LINUX);
            QueueFixture.versions(session, 1, versions);
            UUID builder = QueueFixture.builder(session, dir, LINUX);
            String released;
            try (WriteHandle abandoned = other.write()) {
                released = name(abandoned.jobRequest(builder).orElseThrow());
                // the session's claim skips the locked pair; its point is now behind it
                assertEquals("crate-0@1.0.598", name(claim(session, builder)));
            } // closed without commit: rolled back, the pair is queued again ahead of the session's point
            assertEquals("crate-0@1.0.599", released);

            List<String> claimed = new ArrayList<>();
            claimed.add("crate-0@1.0.598");
            claimAll(session, builder).forEach(job -> claimed.add(name(job)));
            assertEquals(versions, claimed.size(), "every pair once");
            Set<String> distinct = new HashSet<>(claimed);
            assertEquals(versions, distinct.size(), "no pair twice: " + claimed);
            int position = claimed.indexOf(released);
            assertTrue(position > 0 && position <= 257, "claimed after " + position + " claims, at most 256 later");
        }
    }

    @Test
    void pairPassedOverByTheClaimPointIsClaimedWhenNothingIsLeftBehindIt(TempDatabase database) throws Exception {
        try (Metadata session = MetadataExtension.connect(database, 1);
             Metadata other = MetadataExtension.connect(database, 1)) {
            QueueFixture.targets(session, LINUX);
            QueueFixture.versions(session, 1, 3);
            UUID builder = QueueFixture.builder(session, dir, LINUX);
            try (WriteHandle abandoned = other.write()) {
                assertNotNull(abandoned.jobRequest(builder).orElse(null));
                assertEquals("crate-0@1.0.1", name(claim(session, builder)));
            }
            assertEquals(List.of("crate-0@1.0.0", "crate-0@1.0.2"),
                    claimAll(session, builder).stream().map(ClaimPointTest::name).toList(),
                    "the released pair comes once the point's side of the queue is empty");
        }
    }
}
