package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rs.builds.database.QueueFixture.ARM;
import static rs.builds.database.QueueFixture.LINUX;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempPgBouncer;

/**
 * The library behind a real PgBouncer in transaction mode, where consecutive transactions of one client run on
 * different server connections and one server connection serves many clients.
 */
@Tag("contract")
@ExtendWith(MetadataExtension.class)
class TransactionPoolerTest {
    @TempDir
    Path dir;

    /** A client of the PgBouncer, as a service configured for it would be. */
    private static Metadata throughPooler(TempPgBouncer bouncer, TempDatabase database, int connections) {
        return Metadata.connect(ConnectionConfig.of(bouncer.jdbcUrl())
                .withCredentials(database.user(), database.password()).withMaxConnections(connections)
                .withPooler(Pooler.TRANSACTION).withListenUrl(database.jdbcUrl()));
    }

    @Test
    void eightBuildersDrainTheQueueExactlyOnceThroughThePooler(Metadata metadata, TempDatabase database)
            throws Exception {
        QueueFixture.targets(metadata, LINUX, ARM);
        QueueFixture.versions(metadata, 25, 8);
        int threads = 8;
        List<UUID> builders = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            builders.add(QueueFixture.builder(metadata, dir, LINUX, ARM));
        }
        ConcurrentLinkedQueue<JobInfo> claimed = new ConcurrentLinkedQueue<>();
        // fewer server connections than clients: every server connection serves several clients in turn
        try (TempPgBouncer bouncer = TempPgBouncer.start(database, "transaction", 3);
             Metadata pooled = throughPooler(bouncer, database, threads)) {
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    UUID builder = builders.get(i);
                    if (i % 2 == 0) { // in a transaction of the caller's: BEGIN, claim, COMMIT
                        runs.add(executor.submit(() -> claimed.addAll(QueueFixture.claimAll(pooled, builder))));
                    } else { // one-shot claims
                        runs.add(executor.submit(() -> {
                            for (var job = pooled.jobRequest(builder); job.isPresent();
                                 job = pooled.jobRequest(builder)) {
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
            assertEquals(0, pooled.openHandles());
        }
        List<String> pairs = claimed.stream().map(job -> job.crate() + "@" + job.version() + "/" + job.target())
                .toList();
        assertEquals(25 * 8 * 2, pairs.size(), "every pair claimed");
        assertEquals(pairs.size(), Set.copyOf(pairs).size(), "no pair claimed twice");
        try (ReadHandle read = metadata.read()) {
            assertEquals(0, read.queueStats().queued());
            // none stuck: every running job is one a builder was given
            assertEquals(pairs.size(), read.queueStats().running());
            assertEquals(Set.copyOf(claimed.stream().map(JobInfo::uuid).toList()),
                    Set.copyOf(read.jobList(JobFilter.all().active(true).page(1000, 0)).stream().map(JobInfo::uuid)
                            .toList()), "the running jobs are exactly the ones handed out");
        }
    }

    @Test
    void clientsSharingAServerConnectionShareItsClaimPointAndKeepClaimOrder(Metadata metadata, TempDatabase database)
            throws Exception {
        QueueFixture.targets(metadata, LINUX);
        QueueFixture.versions(metadata, 3, 4);
        UUID builder = QueueFixture.builder(metadata, dir, LINUX);
        // one server connection: each claim starts from the point the other client's claim left in the session
        try (TempPgBouncer bouncer = TempPgBouncer.start(database, "transaction", 1);
             Metadata first = throughPooler(bouncer, database, 1);
             Metadata second = throughPooler(bouncer, database, 1)) {
            List<String> order = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                JobInfo job = (i % 2 == 0 ? first : second).jobRequest(builder).orElseThrow();
                order.add(job.crate() + "@" + job.version());
            }
            assertEquals(List.of("crate-2@1.0.3", "crate-2@1.0.2", "crate-2@1.0.1", "crate-2@1.0.0", "crate-1@1.0.3",
                    "crate-1@1.0.2"), order, "one claim order, whoever claims");
            // new work goes ahead of the shared point: the next claim, by either client, takes it
            second.useTransaction(write -> {
                write.crateVersionAdd("crate-0", "2.0.0", QueueFixture.checksum(77), false);
            });
            assertEquals("crate-0@2.0.0", first.jobRequest(builder).map(j -> j.crate() + "@" + j.version())
                    .orElseThrow());
            assertEquals("crate-1@1.0.1", second.jobRequest(builder).map(j -> j.crate() + "@" + j.version())
                    .orElseThrow());
        }
    }

    @Test
    void syncsThroughThePoolerAsDirectly(TempDatabase database) {
        try (TempPgBouncer bouncer = TempPgBouncer.start(database, "transaction", 2);
             Metadata pooled = throughPooler(bouncer, database, 4)) {
            SyncSummary first = SyncTest.sync(pooled, SyncTest.index(20, 5), SyncOptions.completeIndex());
            assertEquals(100, first.versionsAdded());
            assertEquals(20, first.cratesAdded());
            // the second sync runs its temporary tables and locks on whatever server connection is free
            SyncSummary again = SyncTest.sync(pooled, SyncTest.index(20, 6), SyncOptions.completeIndex());
            assertEquals(20, again.versionsAdded());
            assertEquals(0, again.cratesAdded());
            try (ReadHandle read = pooled.read()) {
                assertEquals(20, read.crateList("").size());
                assertEquals(6, read.crateVersions("c7").size());
            }
        }
    }

    @Test
    void isolationLevelsNeitherLeakInNorOut(TempDatabase database) throws Exception {
        // one server connection: whatever one client leaves in the session, the next one gets
        try (TempPgBouncer bouncer = TempPgBouncer.start(database, "transaction", 1);
             Metadata pooled = throughPooler(bouncer, database, 2);
             Connection other = DriverManager.getConnection(bouncer.jdbcUrl() + "&prepareThreshold=0")) {
            // Another client of the pooler changes the session's default and leaves it there, as JDBC's
            // setTransactionIsolation does. The sync stores crate digests only at read committed (a snapshot taken
            // before its lock could miss changes), so what it stores shows the level it really ran at.
            other.createStatement().execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE");
            pooled.inTransaction(write -> write.sync(List.of(new IndexEntry("rc", "1.0.0", SyncTest.sum(1), false))
                    .iterator(), SyncOptions.partial()));
            assertEquals(1, digests(database, "rc"), "ran at read committed, not at the session's serializable");

            other.createStatement().execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED");
            pooled.inTransaction(Isolation.REPEATABLE_READ, write -> write.sync(List.of(new IndexEntry("rr", "1.0.0",
                    SyncTest.sum(2), false)).iterator(), SyncOptions.partial()));
            assertEquals(0, digests(database, "rr"), "ran at repeatable read, as asked");

            ResultSet level = other.createStatement().executeQuery("SHOW default_transaction_isolation");
            level.next();
            assertEquals("read committed", level.getString(1), "our repeatable read stayed in our transaction");
        }
    }

    private static int digests(TempDatabase database, String crate) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             var statement = connection.prepareStatement("SELECT count(*) FROM crate_sync_digests d"
                     + " JOIN crates c ON c.id = d.crate WHERE c.name = ? AND d.digest <> ''::bytea")) {
            statement.setString(1, crate);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    @Test
    void withoutThePoolerModeTheBreakageIsNamedNotCalledUnreachable(TempDatabase database) {
        // two processes' drivers both name their first server-side statement S_1; one server connection sees both
        try (TempPgBouncer bouncer = TempPgBouncer.start(database, "transaction", 1)) {
            ConnectionConfig unaware = ConnectionConfig.of(bouncer.jdbcUrl())
                    .withCredentials(database.user(), database.password()).withMaxConnections(1);
            DatabaseException failure = null;
            try (Metadata first = Metadata.connect(unaware); Metadata second = Metadata.connect(unaware)) {
                for (int i = 0; i < 20 && failure == null; i++) {
                    for (Metadata client : List.of(first, second)) {
                        try {
                            client.inTransaction(write -> write.crateList(""));
                        } catch (DatabaseException e) {
                            failure = e;
                        }
                    }
                }
            }
            assertTrue(failure != null, "server-side prepared statements collide behind a transaction pooler");
            assertFalse(failure instanceof DatabaseUnavailableException, failure.toString());
            assertTrue(failure.getMessage().contains("out of step")
                    && failure.getMessage().contains("--database-postgres-pooler transaction"), failure.getMessage());
        }
    }

    @Test
    void listenerUsesItsOwnDirectUrlAndIsRefusedWithoutOne(Metadata metadata, TempDatabase database)
            throws Exception {
        QueueFixture.targets(metadata, LINUX);
        try (TempPgBouncer bouncer = TempPgBouncer.start(database, "transaction", 2)) {
            ConnectionConfig config = ConnectionConfig.of(bouncer.jdbcUrl())
                    .withCredentials(database.user(), database.password()).withMaxConnections(2)
                    .withPooler(Pooler.TRANSACTION);
            try (Metadata withoutListenUrl = Metadata.connect(config)) {
                InvalidInputException refused = assertThrows(InvalidInputException.class,
                        withoutListenUrl::queueListener);
                assertTrue(refused.getMessage().contains("--database-postgres-listen"), refused.getMessage());
                assertEquals(0, withoutListenUrl.openHandles());
            }
            try (Metadata pooled = Metadata.connect(config.withListenUrl(database.jdbcUrl()));
                 QueueListener listener = pooled.queueListener()) {
                assertFalse(listener.await(Duration.ofMillis(50)), "nothing happened yet");
                QueueFixture.versions(pooled, 1, 1); // written through the pooler
                assertTrue(listener.await(Duration.ofSeconds(10)), "notified on the direct connection");
            }
        }
    }
}
