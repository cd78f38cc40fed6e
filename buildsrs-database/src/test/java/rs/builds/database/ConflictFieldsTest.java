package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rs.builds.database.QueueFixture.LINUX;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.ConflictException.Reason;
import rs.builds.database.temp.TempDatabase;

/**
 * Every kind of conflict the API throws says what it is about in {@link ConflictException#reason()},
 * {@link ConflictException#entity()} and {@link ConflictException#key()}, so a caller never parses the message.
 */
@ExtendWith(MetadataExtension.class)
class ConflictFieldsTest {
    @TempDir
    Path dir;

    private static ConflictException conflict(Metadata metadata, Consumer<WriteHandle> work) {
        try (WriteHandle write = metadata.write()) {
            return assertThrows(ConflictException.class, () -> work.accept(write));
        }
    }

    private static void assertFields(Reason reason, String entity, String key, ConflictException error) {
        assertEquals(List.of(reason, entity, String.valueOf(key)),
                List.of(error.reason(), error.entity(), String.valueOf(error.key())), error.getMessage());
    }

    @Test
    void targetsAndCrates(Metadata metadata) {
        QueueFixture.targets(metadata, LINUX, "aarch64-unknown-linux-gnu");
        metadata.useTransaction(write -> write.crateAdd("Inflector"));
        assertFields(Reason.EXISTS, "target", LINUX, conflict(metadata, w -> w.targetAdd(LINUX)));
        assertFields(Reason.EXISTS, "target", LINUX,
                conflict(metadata, w -> w.targetRename("aarch64-unknown-linux-gnu", LINUX)));
        assertFields(Reason.EXISTS, "crate", "inflector", conflict(metadata, w -> w.crateAdd("inflector")));
    }

    @Test
    void aChangedChecksumIsOneExceptionThroughCrateVersionAddAndSync(Metadata metadata) {
        String stored = QueueFixture.checksum(1);
        String offered = QueueFixture.checksum(2);
        metadata.useTransaction(write -> {
            write.crateAdd("serde");
            write.crateVersionAdd("serde", "1.0.0", stored, false);
        });
        ChecksumConflictException added = (ChecksumConflictException) conflict(metadata,
                w -> w.crateVersionAdd("serde", "1.0.0", offered, false));
        ChecksumConflictException synced = (ChecksumConflictException) conflict(metadata,
                w -> w.sync(List.of(new IndexEntry("serde", "1.0.0", offered, false)).iterator(),
                        SyncOptions.partial()));
        for (ChecksumConflictException error : List.of(added, synced)) {
            assertFields(Reason.CHECKSUM_CHANGED, "version of crate 'serde'", "1.0.0", error);
            assertEquals(List.of(new ChecksumConflict("serde", "1.0.0", stored, offered)), error.conflicts());
            assertEquals(1, error.count());
        }
        assertEquals(added.getMessage(), synced.getMessage(), "one fact, one message");
        assertEquals("crate 'serde' version '1.0.0': stored " + stored + ", offered " + offered + ": a published"
                + " crate file never changes, so a stored checksum is never overwritten; nothing was written",
                added.getMessage());
    }

    @Test
    void aSyncAddingATakenCrateNameNamesTheFirstOne(Metadata metadata) {
        metadata.useTransaction(write -> write.crateAdd("Inflector"));
        ConflictException error = conflict(metadata, w -> w.sync(List.of(
                new IndexEntry("inflector", "0.11.4", QueueFixture.checksum(1), false)).iterator(),
                SyncOptions.partial()));
        assertFields(Reason.EXISTS, "crate", "inflector", error);
    }

    @Test
    void buildersJobsAndArtifacts(Metadata metadata) throws Exception {
        QueueFixture.targets(metadata, LINUX);
        QueueFixture.versions(metadata, 1, 2);
        Keys keys = Keys.ed25519(dir);
        UUID builder = UUID.randomUUID();
        metadata.useTransaction(write -> {
            write.builderAdd(builder, keys.publicKey(), "");
            write.builderTargetAdd(builder, LINUX);
        });
        String id = builder.toString();
        assertFields(Reason.BUILDER_DISABLED, "builder", id,
                assertThrows(ConflictException.class, () -> metadata.jobRequest(builder)));
        assertFields(Reason.EXISTS, "builder key", keys.sha256(),
                conflict(metadata, w -> w.builderAdd(UUID.randomUUID(), keys.publicKey(), "")));
        String otherKey = Keys.ed25519(dir).publicKey();
        assertFields(Reason.EXISTS, "builder", id, conflict(metadata, w -> w.builderAdd(builder, otherKey, "")));

        metadata.useTransaction(write -> write.builderSetEnabled(builder, true));
        JobInfo job = QueueFixture.claim(metadata, builder);
        String jobId = job.uuid().toString();
        assertFields(Reason.BUILDING, "pair", job.crate() + " " + job.version() + " " + LINUX,
                conflict(metadata, w -> w.jobRequeue(job.crate(), job.version(), LINUX)));
        metadata.useTransaction(write -> {
            write.jobStage(job.uuid(), JobStage.BUILD);
            write.jobArtifactAdd(job.uuid(), "crate.tar", "h", 1, "s");
        });
        assertFields(Reason.STAGE_PASSED, "job", jobId,
                conflict(metadata, w -> w.jobStage(job.uuid(), JobStage.FETCH)));
        assertFields(Reason.EXISTS, "artifact of job " + jobId, "crate.tar",
                conflict(metadata, w -> w.jobArtifactAdd(job.uuid(), "crate.tar", "h", 1, "s")));
        QueueFixture.finish(metadata, job, true);
        assertFields(Reason.JOB_FINISHED, "job", jobId, conflict(metadata, w -> w.jobHeartbeat(job.uuid())));
        assertFields(Reason.HAS_JOBS, "builder", id, conflict(metadata, w -> w.builderRemove(builder)));
        assertFields(Reason.HAS_JOBS, "target", LINUX, conflict(metadata, w -> w.targetRemove(LINUX)));
    }

    @Test
    void aConstraintOfTheSchemaNamesItsTableAndItself(Metadata metadata, TempDatabase database) throws Exception {
        QueueFixture.targets(metadata, LINUX);
        // a rename checks that the new name is free, then updates: a transaction that adds that name meanwhile and
        // commits while the update waits for it leaves only the schema's unique constraint to refuse the rename
        try (Connection other = database.dataSource().getConnection();
             Statement insert = other.createStatement()) {
            other.setAutoCommit(false);
            insert.execute("INSERT INTO targets (name) VALUES ('i686-unknown-linux-gnu')");
            CompletableFuture<ConflictException> rename = CompletableFuture.supplyAsync(
                    () -> conflict(metadata, w -> w.targetRename(LINUX, "i686-unknown-linux-gnu")),
                    Executors.newSingleThreadExecutor());
            try (Connection watcher = database.dataSource().getConnection();
                 Statement waiting = watcher.createStatement()) {
                while (true) {
                    try (ResultSet row = waiting.executeQuery("SELECT count(*) FROM pg_stat_activity"
                            + " WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE targets%'")) {
                        row.next();
                        if (row.getInt(1) == 1) {
                            break;
                        }
                    }
                    Thread.sleep(10);
                }
            }
            other.commit();
            ConflictException error = rename.get();
            assertFields(Reason.CONSTRAINT, "targets", "targets_name_key", error);
            assertTrue(error.getMessage().startsWith("conflicting data while renaming target"), error.getMessage());
        }
    }
}
