package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static rs.builds.database.QueueFixture.LINUX;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.migrations.Roles;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempStandby;

/** Each service role may do its work and nothing else (sql/roles/roles.sql). */
@ExtendWith(MetadataExtension.class)
@Tag("contract")
class RolesTest {
    @TempDir
    Path dir;
    UUID builder;

    @BeforeEach
    void world(Metadata metadata, TempDatabase database) throws Exception {
        Roles.apply(database.dataSource());
        Roles.apply(database.dataSource()); // idempotent
        QueueFixture.targets(metadata, LINUX);
        QueueFixture.versions(metadata, 2, 2);
        builder = QueueFixture.builder(metadata, dir, LINUX);
    }

    private static Metadata as(TempDatabase database, String role) {
        return Metadata.open(new RoleDataSource(database.dataSource(), role));
    }

    private static void allowed(Metadata metadata, Consumer<WriteHandle> work) {
        metadata.useTransaction(write -> {
            work.accept(write);
        });
    }

    private static void denied(Metadata metadata, Consumer<WriteHandle> work) {
        try (WriteHandle write = metadata.write()) {
            PermissionDeniedException error = assertThrows(PermissionDeniedException.class, () -> work.accept(write));
            assertTrue(error.getMessage().contains("permission denied"), error.getMessage());
        }
    }

    private static void ddlDenied(TempDatabase database, String role, String sql) throws SQLException {
        try (Connection connection = new RoleDataSource(database.dataSource(), role).getConnection();
             var statement = connection.createStatement()) {
            SQLException error = assertThrows(SQLException.class, () -> statement.execute(sql), role + ": " + sql);
            assertEquals("42501", error.getSQLState(), error.getMessage());
        }
    }

    @Test
    void backendRunsJobsButCannotRegisterOrChangeSchema(TempDatabase database) throws Exception {
        Metadata backend = as(database, Roles.BACKEND);
        JobInfo job = backend.inTransaction(write -> write.jobRequest(builder)).orElseThrow();
        allowed(backend, w -> {
            w.jobStage(job.uuid(), JobStage.BUILD);
            w.jobLog(job.uuid(), List.of("compiling"));
            w.jobHeartbeat(job.uuid());
            long artifact = w.jobArtifactAdd(job.uuid(), "docs.tar", "h", 1, "s");
            w.artifactDownloadsAdd(List.of(new DownloadCount(artifact, LocalDate.now(), 3)));
            w.jobFinish(job.uuid(), true);
            w.jobsExpire(Instant.now());
        });
        try (ReadHandle read = backend.read()) {
            assertEquals(1, read.builderList().size());
            assertEquals(2, read.crateList("").size());
            assertEquals(2, read.crateList("crate").size(), "searching runs crate_search()");
        }
        String key = Keys.ed25519(dir).publicKey();
        denied(backend, w -> w.builderAdd(UUID.randomUUID(), key, ""));
        denied(backend, w -> w.builderSetEnabled(builder, false));
        denied(backend, w -> w.crateAdd("sneaky"));
        denied(backend, w -> w.sync(List.of(new IndexEntry("sneaky", "1.0.0", QueueFixture.checksum(1), false))
                .iterator(), SyncOptions.partial()));
        denied(backend, w -> w.targetAdd("sneaky"));
        denied(backend, WriteHandle::queueLock);
        denied(backend, w -> w.jobsPrune(Instant.now(), true));
        denied(backend, w -> w.downloadsPrune(LocalDate.now(java.time.ZoneOffset.UTC)));
        ddlDenied(database, Roles.BACKEND, "CREATE TABLE sneaky (id int)");
        ddlDenied(database, Roles.BACKEND, "ALTER TABLE jobs ADD COLUMN sneaky int");
        ddlDenied(database, Roles.BACKEND, "UPDATE pubkeys SET encoded = 'x'");
        ddlDenied(database, Roles.BACKEND, "UPDATE job_queue SET active = true, priority = 1000");
    }

    @Test
    void syncStillLandsWhenItMayNotMergeTheSearchIndex(TempDatabase database) throws Exception {
        // as after a migrate to V6 without "roles apply": the merge fails, the sync must not
        try (Connection connection = database.dataSource().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("REVOKE EXECUTE ON FUNCTION crates_search_index_flush() FROM " + Roles.REGISTRY_SYNC);
        }
        Metadata sync = as(database, Roles.REGISTRY_SYNC);
        SyncSummary summary = sync.inTransaction(write -> write.sync(List.of(
                new IndexEntry("fresh", "0.1.0", QueueFixture.checksum(9), false)).iterator(), SyncOptions.partial()));
        assertEquals(1, summary.cratesAdded());
        try (ReadHandle read = sync.read()) {
            assertEquals("fresh", read.crateList("fresh").get(0).name());
        }
    }

    @Test
    void registrySyncWritesCratesAndVersionsOnly(TempDatabase database) throws Exception {
        Metadata sync = as(database, Roles.REGISTRY_SYNC);
        List<IndexEntry> rows = List.of(new IndexEntry("crate-0", "1.0.0", QueueFixture.checksum(0), true),
                new IndexEntry("crate-0", "1.0.1", QueueFixture.checksum(1), false),
                new IndexEntry("fresh", "0.1.0", QueueFixture.checksum(9), false));
        SyncSummary summary = sync.inTransaction(write -> write.sync(rows.iterator(), SyncOptions.partial()));
        assertEquals(1, summary.versionsAdded());
        assertEquals(1, summary.versionsYanked());
        // again: the digests it stored let it skip both crates
        SyncSummary again = sync.inTransaction(write -> write.sync(rows.iterator(), SyncOptions.partial()));
        assertEquals(new SyncSummary(3, 0, 0, 0, 0, 3, 0, List.of(), 0, List.of(), 0, List.of()), again);
        try (var connection = database.dataSource().getConnection();
             var digests = connection.createStatement().executeQuery("SELECT count(*) FROM crate_sync_digests")) {
            digests.next();
            assertEquals(2, digests.getLong(1));
        }
        allowed(sync, w -> w.crateAdd("another"));
        try (ReadHandle read = sync.read()) {
            assertEquals(true, read.crateVersionInfo("crate-0", "1.0.0").yanked());
        }
        try (ReadHandle read = sync.read()) {
            assertThrows(PermissionDeniedException.class, read::builderList);
        }
        denied(sync, w -> w.jobRequest(builder));
        denied(sync, w -> w.targetAdd("sneaky"));
        ddlDenied(database, Roles.REGISTRY_SYNC, "DELETE FROM crates");
        ddlDenied(database, Roles.REGISTRY_SYNC, "CREATE TABLE sneaky (id int)");
        ddlDenied(database, Roles.REGISTRY_SYNC, "UPDATE job_queue SET state = 'failed'");
        try (ReadHandle read = metadataOwner(database).read()) {
            assertEquals(1, read.queueStats().targets().get(0).queued() - 3, "the new version was queued by the"
                    + " trigger, which runs as its owner (3 unyanked before, one yanked, one new)");
        }
    }

    @Test
    void adminsManageEverythingButTheSchema(TempDatabase database) throws Exception {
        Metadata admin = as(database, Roles.ADMIN);
        String key = Keys.ed25519(dir).publicKey();
        allowed(admin, w -> {
            w.builderAdd(UUID.randomUUID(), key, "by admin");
            w.targetAdd("wasm32-unknown-unknown");
            w.crateSetPriority("crate-0", 5);
            w.queueLock();
            w.queueUnlock();
            w.jobRequeue("crate-0", "1.0.0", LINUX);
        });
        // retention (V9): an old job superseded by a newer one of its pair goes, with its log
        try (Metadata owner = metadataOwner(database)) {
            JobInfo old = QueueFixture.claim(owner, builder);
            allowed(owner, w -> {
                w.jobLog(old.uuid(), List.of("old"));
                w.jobFinish(old.uuid(), false);
            });
            CompactLogsTest.execute(database, "INSERT INTO jobs (uuid, builder, target, crate_version, started, timeout,"
                    + " ended, success) SELECT gen_random_uuid(), builder, target, crate_version, now(), now(), now(),"
                    + " true FROM jobs WHERE uuid = '" + old.uuid() + "'");
        }
        assertEquals(new JobsPruned(1, 0, 1), admin.jobsPrune(Instant.now(), false));
        assertEquals(0, admin.downloadsPrune(LocalDate.now(java.time.ZoneOffset.UTC)));
        ddlDenied(database, Roles.ADMIN, "CREATE TABLE sneaky (id int)");
        ddlDenied(database, Roles.ADMIN, "DROP TABLE crates");
        ddlDenied(database, Roles.ADMIN, "DELETE FROM flyway_schema_history");
    }

    @Test
    void everyRoleReadsTheReplicaAndItsLag(TempDatabase database) throws SQLException {
        assumeTrue(TempStandby.available(), "a standby needs the embedded temp server");
        TempStandby standby = TempStandby.shared();
        for (String role : List.of(Roles.BACKEND, Roles.REGISTRY_SYNC, Roles.ADMIN)) {
            // a login role in the service role, as operators map them; roles are the cluster's, so the standby has it
            String login = role + "_replica_reader";
            try (Connection owner = database.dataSource().getConnection(); var statement = owner.createStatement()) {
                statement.execute("CREATE ROLE " + login + " LOGIN IN ROLE " + role);
            }
            try {
                standby.awaitReplay();
                ConnectionConfig config = ConnectionConfig.of("jdbc:postgresql://" + database.host() + ":"
                                + database.port() + "/" + database.name())
                        .withCredentials(login, null).withMaxConnections(1)
                        .withReplica("jdbc:postgresql://" + standby.host() + ":" + standby.port() + "/"
                                + database.name());
                try (Metadata metadata = Metadata.connect(config)) {
                    ReplicaStatus status = metadata.replicaStatus().orElseThrow();
                    assertTrue(status.reachable() && status.problem() == null && status.lagBytes() >= 0, role + ": "
                            + status);
                    try (ReadHandle read = metadata.readReplica()) {
                        assertEquals(2, read.crateList("").size(), role);
                    }
                }
            } finally {
                try (Connection owner = database.dataSource().getConnection();
                     var statement = owner.createStatement()) {
                    statement.execute("DROP ROLE " + login);
                }
            }
        }
    }

    @Test
    void noOtherRoleMayCreateInSchemaPublic(TempDatabase database) throws Exception {
        // PostgreSQL 13 and 14 let every role (PUBLIC) create in schema public; roles apply takes that back
        String nobody = "buildsrs_test_nobody_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = database.dataSource().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + nobody + " NOLOGIN");
            try {
                ddlDenied(database, nobody, "CREATE TABLE sneaky (id int)");
                ddlDenied(database, nobody, "CREATE FUNCTION sneaky() RETURNS int LANGUAGE sql AS 'SELECT 1'");
                ddlDenied(database, nobody, "CREATE VIEW sneaky AS SELECT 1");
            } finally {
                // whatever it managed to create goes with it, so a failure above is the one reported
                statement.execute("DROP OWNED BY " + nobody);
                statement.execute("DROP ROLE " + nobody);
            }
        }
        // the owner (here a superuser) still migrates: a new migration may create in public
        try (Connection connection = database.dataSource().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE owner_may_create (id int)");
        }
    }

    private static Metadata metadataOwner(TempDatabase database) {
        return Metadata.open(database.dataSource());
    }
}
