package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static rs.builds.database.QueueFixture.ARM;
import static rs.builds.database.QueueFixture.LINUX;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.temp.TempDatabase;

/** Registry sync running while builders claim and finish jobs: no deadlock, nothing lost. */
@ExtendWith(MetadataExtension.class)
class SyncWhileClaimingTest {
    @TempDir
    Path dir;

    /** Round r of the index: 40 crates, versions added each round, every third version's yank flipped per round. */
    static List<IndexEntry> round(int r) {
        List<IndexEntry> rows = new ArrayList<>();
        for (int c = 0; c < 40; c++) {
            for (int v = 0; v < 3 + r; v++) {
                rows.add(new IndexEntry("c" + c, "1.0." + v, String.format("%064x", c * 1000 + v),
                        v % 3 == 0 && (r + c) % 2 == 0));
            }
        }
        return rows;
    }

    @Test
    void syncAndClaimsInterleaveWithoutDeadlockOrLoss(TempDatabase database) throws Exception {
        try (Metadata metadata = MetadataExtension.connect(database, 8)) {
            QueueFixture.targets(metadata, LINUX, ARM);
            List<UUID> builders = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                builders.add(QueueFixture.builder(metadata, dir, LINUX, ARM));
            }
            metadata.inTransaction(write -> write.sync(round(0).iterator(), SyncOptions.completeIndex()));
            AtomicBoolean syncing = new AtomicBoolean(true);
            ExecutorService executor = Executors.newFixedThreadPool(builders.size());
            List<Future<Integer>> workers = new ArrayList<>();
            for (UUID builder : builders) {
                workers.add(executor.submit(() -> {
                    int built = 0;
                    while (syncing.get() || built == 0) {
                        JobInfo job = QueueFixture.claim(metadata, builder);
                        if (job == null) {
                            if (!syncing.get()) {
                                break;
                            }
                            Thread.onSpinWait();
                            continue;
                        }
                        QueueFixture.finish(metadata, job, true);
                        built++;
                    }
                    return built;
                }));
            }
            for (int r = 1; r <= 5; r++) {
                int current = r;
                metadata.inTransaction(write -> write.sync(round(current).iterator(), SyncOptions.completeIndex()));
            }
            syncing.set(false);
            int built = 0;
            for (Future<Integer> worker : workers) {
                built += worker.get(2, TimeUnit.MINUTES); // an error in a worker fails the test here
            }
            executor.shutdown();
            // drain what the last syncs queued
            for (UUID builder : builders) {
                for (JobInfo job : QueueFixture.claimAll(metadata, builder)) {
                    QueueFixture.finish(metadata, job, true);
                    built++;
                }
            }
            Map<String, Long> states = queueStates(database);
            long versions = round(5).size();
            assertEquals(versions * 2, states.values().stream().mapToLong(Long::longValue).sum(),
                    "every version has a queue row per target");
            assertEquals(0, count(database, "SELECT count(*) FROM job_queue WHERE active AND state <> 'succeeded'"),
                    "every pair buildable at the end was built: none lost");
            assertEquals(states.get("succeeded"), count(database, "SELECT count(*) FROM jobs WHERE success"),
                    "one successful job per built pair");
            assertEquals(0, count(database, "SELECT count(*) FROM (SELECT 1 FROM jobs WHERE success"
                    + " GROUP BY crate_version, target HAVING count(*) > 1) twice"), "no pair built twice");
            assertEquals(built, states.get("succeeded"));
        }
    }

    /** Queue rows by state. */
    private static Map<String, Long> queueStates(TempDatabase database) throws Exception {
        Map<String, Long> states = new TreeMap<>();
        try (Connection connection = database.dataSource().getConnection();
             var rows = connection.createStatement().executeQuery(
                     "SELECT state, count(*) FROM job_queue GROUP BY state")) {
            while (rows.next()) {
                states.put(rows.getString(1), rows.getLong(2));
            }
        }
        return states;
    }

    private static long count(TempDatabase database, String sql) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             var rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
