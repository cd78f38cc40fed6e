package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rs.builds.database.QueueFixture.LINUX;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.migrations.Migrations;
import rs.builds.database.temp.LogCorpus;
import rs.builds.database.temp.TempDatabase;

/** Logs stored as compressed chunks of lines (V9): carried over from V8, compacted, compact on a realistic corpus. */
@ExtendWith(MetadataExtension.class)
class CompactLogsTest {
    @TempDir
    Path dir;

    /** Lines that test a storage format: empty, unicode, tabs, escapes, quotes, braces of array literals, long. */
    static List<String> oddLines() {
        List<String> lines = new ArrayList<>(List.of("", "plain", "\ttab\tseparated\t", "back\\slash \\N \\. end",
                "cr\rlf\r\nend", "🦀 ünïcödé ✓ \u0001 \u007f \u2028", "{\"a\",\"b\"}", "{}", "NULL", "\"", "'; --",
                " ", ""));
        lines.add("x".repeat(300_000)); // a very long line
        lines.add(LogCorpus.of(1).log(3).get(0));
        lines.add("");
        return lines;
    }

    @Test
    void migrationCarriesV8LinesOverByteForByte() throws Exception {
        try (TempDatabase database = TempDatabase.createBlank()) {
            Migrations.of(database.dataSource()).migrateTo("8");
            List<JobInfo> jobs;
            try (Metadata metadata = MetadataExtension.connect(database, 2)) {
                QueueFixture.targets(metadata, LINUX);
                // in SQL: the API of this release finds crates by V10's canonical name
                try (Connection connection = database.dataSource().getConnection();
                     Statement statement = connection.createStatement()) {
                    statement.execute("INSERT INTO crates (name) VALUES ('crate-0');"
                            + " INSERT INTO crate_versions (crate, version, checksum)"
                            + " SELECT id, '1.0.' || v, repeat('a', 63) || v FROM crates, generate_series(0, 2) v");
                }
                UUID builder = QueueFixture.builder(metadata, dir, LINUX);
                jobs = QueueFixture.claimAll(metadata, builder);
            }
            assertEquals(3, jobs.size());
            // written as V8 stored them, one row per line: the jobs' lines interleaved, stages changing, a run of
            // 2,500 lines of one stage (more than a chunk), the odd lines in every stage
            List<List<JobLogLine>> expected = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            try (Connection connection = database.dataSource().getConnection();
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO job_logs (job, stage, line) SELECT id, ?, ? FROM jobs WHERE uuid = ?")) {
                List<String> odd = oddLines();
                int[] stages = {1, 2, 1, 3, 3, 4};
                for (int round = 0; round < stages.length; round++) {
                    for (int j = 0; j < 2; j++) {
                        List<String> lines = round == 3 ? IntStream.range(0, 2500).mapToObj(i -> "line " + i).toList()
                                : odd;
                        for (String line : lines) {
                            insert.setShort(1, (short) stages[round]);
                            insert.setString(2, line);
                            insert.setObject(3, jobs.get(j).uuid());
                            insert.addBatch();
                            expected.get(j).add(new JobLogLine(JobStage.values()[stages[round] - 1], line));
                        }
                    }
                    insert.executeBatch();
                }
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT count(*) FROM job_logs")) {
                    rows.next();
                    assertEquals(expected.get(0).size() + expected.get(1).size(), rows.getLong(1), "V8: a row a line");
                }
            }

            Migrations.of(database.dataSource()).migrate();

            try (Metadata metadata = MetadataExtension.connect(database, 2)) {
                for (int j = 0; j < 3; j++) {
                    List<JobLogLine> read = new ArrayList<>();
                    try (ReadHandle handle = metadata.read()) {
                        assertEquals(expected.get(j).size(), handle.jobLogs(jobs.get(j).uuid(), read::add));
                    }
                    assertEquals(expected.get(j), read, "job " + j + " read back as V8 stored it");
                }
                // runs of one stage became chunks: 5 runs a job (rounds 3 and 4 are one run of stage 3, 2,516
                // lines, in 3 chunks of at most 1,000)
                assertEquals(2 * 7, count(database, "SELECT count(*) FROM job_logs"));
                // new lines come after the carried ones
                metadata.useTransaction(write -> {
                    write.jobLog(jobs.get(0).uuid(), List.of("after the migration"));
                });
                List<JobLogLine> read = new ArrayList<>();
                try (ReadHandle handle = metadata.read()) {
                    handle.jobLogs(jobs.get(0).uuid(), read::add);
                }
                assertEquals(expected.get(0), read.subList(0, read.size() - 1));
                assertEquals(new JobLogLine(JobStage.INIT, "after the migration"), read.get(read.size() - 1));
            }
        }
    }

    @Test
    void aLogWrittenLineByLineIsCompactedWhenItsJobFinishes(Metadata metadata, TempDatabase database) throws Exception {
        JobInfo job = claimOne(metadata);
        List<String> lines = new ArrayList<>(oddLines());
        lines.addAll(LogCorpus.of(7).log(0));
        metadata.useTransaction(write -> {
            for (String line : lines.subList(0, 10)) {
                write.jobLog(job.uuid(), List.of(line));
            }
            write.jobStage(job.uuid(), JobStage.BUILD);
            for (String line : lines.subList(10, lines.size())) {
                write.jobLog(job.uuid(), List.of(line));
            }
        });
        assertEquals(lines.size(), count(database, "SELECT count(*) FROM job_logs"), "a chunk per call while it runs");
        QueueFixture.finish(metadata, job, true);
        long chunks = count(database, "SELECT count(*) FROM job_logs");
        assertTrue(chunks <= 2 + lines.size() / 1000, "compacted to " + chunks + " chunks of " + lines.size() + " lines");
        List<JobLogLine> read = new ArrayList<>();
        try (ReadHandle handle = metadata.read()) {
            handle.jobLogs(job.uuid(), read::add);
        }
        assertEquals(lines, read.stream().map(JobLogLine::line).toList());
        assertTrue(read.subList(0, 10).stream().allMatch(l -> l.stage() == JobStage.INIT));
        assertTrue(read.subList(10, read.size()).stream().allMatch(l -> l.stage() == JobStage.BUILD));
    }

    @Test
    void expiredJobsAreCompactedToo(Metadata metadata, TempDatabase database) throws Exception {
        metadata.useTransaction(write -> {
            write.queueConfigure(3, Duration.ofSeconds(1), Duration.ofMinutes(1));
        });
        JobInfo job = claimOne(metadata);
        List<String> lines = IntStream.range(0, 50).mapToObj(i -> "line " + i).toList();
        metadata.useTransaction(write -> {
            for (String line : lines) {
                write.jobLog(job.uuid(), List.of(line));
            }
        });
        int expired = metadata.inTransaction(write -> write.jobsExpire(Instant.now().plus(Duration.ofHours(2))));
        assertEquals(1, expired);
        assertEquals(1, count(database, "SELECT count(*) FROM job_logs"));
        List<String> read = new ArrayList<>();
        try (ReadHandle handle = metadata.read()) {
            handle.jobLogs(job.uuid(), l -> read.add(l.line()));
        }
        assertEquals(lines, read);
    }

    @Test
    void aFinishAtRepeatableReadLeavesTheChunksAndEveryLine(Metadata metadata, TempDatabase database) throws Exception {
        JobInfo job = claimOne(metadata);
        metadata.useTransaction(write -> {
            write.jobLog(job.uuid(), List.of("one"));
            write.jobLog(job.uuid(), List.of("two"));
        });
        metadata.useTransaction(Isolation.REPEATABLE_READ, write -> {
            write.jobFinish(job.uuid(), false);
        });
        assertEquals(2, count(database, "SELECT count(*) FROM job_logs"));
        List<String> read = new ArrayList<>();
        try (ReadHandle handle = metadata.read()) {
            handle.jobLogs(job.uuid(), l -> read.add(l.line()));
        }
        assertEquals(List.of("one", "two"), read);
    }

    @Test
    void readersSeeOnlyCommittedLines(Metadata metadata) throws Exception {
        JobInfo job = claimOne(metadata);
        try (WriteHandle write = metadata.write()) {
            write.jobLog(job.uuid(), IntStream.range(0, 1500).mapToObj(i -> "pending " + i).toList());
            try (ReadHandle read = metadata.read()) {
                assertEquals(0, read.jobLogs(job.uuid(), l -> { }));
            }
            write.commit();
        }
        try (ReadHandle read = metadata.read()) {
            assertEquals(1500, read.jobLogs(job.uuid(), l -> { }));
        }
    }

    /**
     * The goal of issue #13 on a corpus small enough for a test: the same realistic lines, written by the API in
     * batches, take at most a quarter of the bytes (table, TOAST and indexes) they take one row a line as in V8.
     */
    @Test
    void aRealisticLogTakesAQuarterOfTheBytesOfARowPerLine(Metadata metadata, TempDatabase database)
            throws Exception {
        QueueFixture.targets(metadata, LINUX);
        QueueFixture.versions(metadata, 60, 1);
        UUID builder = QueueFixture.builder(metadata, dir, LINUX);
        List<JobInfo> jobs = QueueFixture.claimAll(metadata, builder);
        LogCorpus corpus = LogCorpus.of(13);
        long lines = 0;
        for (int j = 0; j < jobs.size(); j++) {
            UUID job = jobs.get(j).uuid();
            List<String> log = corpus.log(j);
            lines += log.size();
            for (int from = 0; from < log.size(); from += 1000) {
                List<String> batch = log.subList(from, Math.min(log.size(), from + 1000));
                metadata.useTransaction(write -> {
                    write.jobLog(job, batch);
                });
            }
        }
        execute(database, "CREATE TABLE v8_layout (job bigint NOT NULL, id bigint GENERATED ALWAYS AS IDENTITY,"
                + " stage smallint NOT NULL, line text NOT NULL, PRIMARY KEY (job, id))");
        execute(database, "INSERT INTO v8_layout (job, stage, line) SELECT c.job, c.stage, u.line FROM job_logs c,"
                + " unnest(c.lines) WITH ORDINALITY u(line, n) ORDER BY c.id, u.n");
        execute(database, "VACUUM ANALYZE job_logs");
        execute(database, "VACUUM ANALYZE v8_layout");
        assertEquals(lines, count(database, "SELECT count(*) FROM v8_layout"));
        long compact = count(database, "SELECT pg_total_relation_size('job_logs')");
        long rowPerLine = count(database, "SELECT pg_total_relation_size('v8_layout')");
        assertTrue(compact * 4 <= rowPerLine, String.format("%,d lines: %.1f bytes a line, %.1f one row a line",
                lines, compact / (double) lines, rowPerLine / (double) lines));
    }

    private JobInfo claimOne(Metadata metadata) throws Exception {
        QueueFixture.targets(metadata, LINUX);
        QueueFixture.versions(metadata, 1, 1);
        return QueueFixture.claim(metadata, QueueFixture.builder(metadata, dir, LINUX));
    }

    static long count(TempDatabase database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static void execute(TempDatabase database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
