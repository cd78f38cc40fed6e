package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rs.builds.database.QueueFixture.LINUX;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.temp.TempDatabase;

/** The queue stays right when its inputs change in concurrent transactions, and when jobs go by SQL (V8). */
@ExtendWith(MetadataExtension.class)
class QueueRacesTest {
    @TempDir
    Path dir;

    private static long count(TempDatabase database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             var rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void execute(TempDatabase database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * Runs {@code first} in a transaction left open, then {@code second} in another one, which must wait for the
     * first; then commits the first and waits for the second.
     */
    private static void race(Metadata metadata, TempDatabase database, Consumer<WriteHandle> first,
            Consumer<WriteHandle> second) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (WriteHandle open = metadata.write();
             Connection watcher = database.dataSource().getConnection();
             Statement statement = watcher.createStatement()) {
            first.accept(open);
            Future<?> waiting = executor.submit(() -> metadata.useTransaction(write -> {
                second.accept(write);
            }));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (true) {
                var rows = statement.executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()");
                rows.next();
                if (rows.getLong(1) > 0) {
                    break;
                }
                assertTrue(!waiting.isDone() && System.nanoTime() < deadline,
                        "the second transaction did not wait for the first");
                Thread.sleep(20);
            }
            open.commit();
            waiting.get(1, TimeUnit.MINUTES);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aVersionAddedWhileATargetIsEnabledIsQueuedForIt(Metadata metadata, TempDatabase database) throws Exception {
        metadata.useTransaction(write -> {
            write.targetAdd(LINUX);
            write.crateAdd("c");
        });
        race(metadata, database, write -> write.targetSetEnabled(LINUX, true),
                write -> write.crateVersionAdd("c", "1.0.0", QueueFixture.checksum(1), false));
        assertEquals(1, count(database, "SELECT count(*) FROM job_queue"), "the pair of the new version");
    }

    @Test
    void aVersionAddedWhileItsCrateIsDisabledIsNotBuilt(Metadata metadata, TempDatabase database) throws Exception {
        QueueFixture.targets(metadata, LINUX);
        metadata.useTransaction(write -> {
            write.crateAdd("c");
        });
        race(metadata, database, write -> write.crateSetEnabled("c", false),
                write -> write.crateVersionAdd("c", "1.0.0", QueueFixture.checksum(1), false));
        assertEquals(0, count(database, "SELECT count(*) FROM job_queue WHERE active"), "a disabled crate's pair");
    }

    @Test
    void aDeletedRunningJobsPairIsQueuedAgain(Metadata metadata, TempDatabase database) throws Exception {
        QueueFixture.targets(metadata, LINUX);
        QueueFixture.versions(metadata, 1, 1);
        var builder = QueueFixture.builder(metadata, dir, LINUX);
        JobInfo job = QueueFixture.claim(metadata, builder);
        execute(database, "DELETE FROM jobs WHERE uuid = '" + job.uuid() + "'");
        JobInfo again = QueueFixture.claim(metadata, builder);
        assertEquals(List.of(job.crate(), job.version()), List.of(again.crate(), again.version()));
    }

    @Test
    void truncatedJobsQueueTheirPairsAgainAndTakeTheirLogs(Metadata metadata, TempDatabase database)
            throws Exception {
        QueueFixture.targets(metadata, LINUX);
        QueueFixture.versions(metadata, 1, 1);
        var builder = QueueFixture.builder(metadata, dir, LINUX);
        JobInfo job = QueueFixture.claim(metadata, builder);
        metadata.useTransaction(write -> {
            write.jobLog(job.uuid(), List.of("compiling"));
        });
        execute(database, "TRUNCATE jobs CASCADE");
        assertEquals(0, count(database, "SELECT count(*) FROM job_logs"));
        assertEquals(job.version(), QueueFixture.claim(metadata, builder).version());
    }

    @Test
    void theBackoffStopsGrowingInsteadOfOverflowing(Metadata metadata, TempDatabase database) throws Exception {
        QueueFixture.targets(metadata, LINUX);
        QueueFixture.versions(metadata, 1, 1);
        var builder = QueueFixture.builder(metadata, dir, LINUX);
        metadata.useTransaction(write -> {
            write.queueConfigure(100, Duration.ofHours(1), Duration.ofDays(365));
        });
        JobInfo job = QueueFixture.claim(metadata, builder);
        execute(database, "UPDATE job_queue SET attempts = 60"); // 365 days * 2^60 is far past any interval
        QueueFixture.finish(metadata, job, false);
        assertEquals(1, count(database, "SELECT count(*) FROM job_queue WHERE attempts = 61"
                + " AND not_before BETWEEN now() + interval '364 days' AND now() + interval '366 days'"));
    }
}
