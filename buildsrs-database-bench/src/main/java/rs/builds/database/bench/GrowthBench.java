package rs.builds.database.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.JobFilter;
import rs.builds.database.JobsPruned;
import rs.builds.database.Metadata;
import rs.builds.database.ReadHandle;
import rs.builds.database.temp.LogCorpus;
import rs.builds.database.temp.TempDatabase;

/**
 * Years of builds (issue #13): log bytes per line and append rates, old layout (V8, a row per line) against new
 * (V9, compressed chunks), on the realistic corpus; then a large world (jobs, log lines and daily downloads
 * generated set-based by {@code sql/bench/growth*.sql}) for the read latencies, a prune of millions of log lines
 * with claim latency during it against idle, and claims/s with and without the indexes of jobs V9 and V14 added.
 * Every ratio compares two numbers of the same run on the same server.
 */
final class GrowthBench {
    /** The sizes of a run. */
    record Sizes(int jobs, int logLines, int downloads, int corpusLogs, int appendLines, int threads, int seconds,
                 int latencyClaims, int readSamples) {
    }

    private static final int JOBS_PER_PAIR = 5;
    private static final int LINES_PER_LOG = 500;
    private static final int DAYS = 100;
    private static final int VERSION_CHUNK = 100_000;
    private static final int JOB_CHUNK = 250_000;
    private static final int ARTIFACT_CHUNK = 25_000;
    private static final int BATCH = 1000;
    /** The claims/s windows in order: A with today's indexes of jobs, B with V8's. */
    private static final String CLAIM_WINDOWS = "ABBABAAB";
    /** The pause before each claim measured idle and during the prune. */
    private static final long CLAIM_PACE_MILLIS = 8;
    /** Connections the world's bulk load runs on at once: its statements are CPU-bound in the server. */
    private static final int LOADERS = 2;

    private final Report report;
    private final Sizes sizes;

    private GrowthBench(Report report, Sizes sizes) {
        this.report = report;
        this.sizes = sizes;
    }

    /** @return the server's version */
    static String run(Report report, Sizes sizes) throws Exception {
        GrowthBench bench = new GrowthBench(report, sizes);
        bench.logs();
        return bench.world();
    }

    private static Metadata connect(TempDatabase database, int connections) {
        return Metadata.connect(ConnectionConfig.of(database.jdbcUrl())
                .withCredentials(database.user(), database.password()).withMaxConnections(connections));
    }

    private static void log(String format, Object... args) {
        System.err.printf("growth: " + format + "%n", args);
    }

    private static long queryLong(Connection connection, String name, Object... parameters) throws SQLException {
        return Long.parseLong(BenchSql.single(connection, name, parameters));
    }

    private static void sql(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Two enabled targets and builders allowed both. */
    private static List<UUID> targetsAndBuilders(Metadata metadata, int builders) throws Exception {
        metadata.useTransaction(write -> {
            for (String target : QueueWorld.TARGETS) {
                write.targetAdd(target);
                write.targetSetEnabled(target, true);
            }
        });
        List<UUID> uuids = new ArrayList<>();
        for (int i = 0; i < builders; i++) {
            uuids.add(builder(metadata, true));
        }
        return uuids;
    }

    /** A builder allowed both targets, enabled or not. */
    private static UUID builder(Metadata metadata, boolean enabled) throws Exception {
        UUID builder = UUID.randomUUID();
        String key = BenchKeys.ed25519();
        metadata.useTransaction(write -> {
            write.builderAdd(builder, key, "bench");
            write.builderSetEnabled(builder, enabled);
            for (String target : QueueWorld.TARGETS) {
                write.builderTargetAdd(builder, target);
            }
        });
        return builder;
    }

    /** Crates named bench-crate-N with 8 versions each (ids 1..crates in a fresh database), their pairs queued. */
    private static void versions(TempDatabase database, int crates) throws Exception {
        List<Object[]> crateCalls = new ArrayList<>();
        List<Object[]> versionCalls = new ArrayList<>();
        for (int first = 1; first <= crates; first += 25_000) {
            crateCalls.add(new Object[] {first, Math.min(crates, first + 24_999)});
            versionCalls.add(new Object[] {8, first, Math.min(crates, first + 24_999)});
        }
        load(database, false, "addCrates", crateCalls);
        load(database, false, "addVersions", versionCalls);
    }

    // ---------------------------------------------------------------------------------------------------------
    // log bytes and appends on the corpus

    private void logs() throws Exception {
        LogCorpus corpus = LogCorpus.of(20261130);
        try (TempDatabase database = TempDatabase.create(); Metadata metadata = connect(database, 4);
             Connection connection = database.dataSource().getConnection()) {
            targetsAndBuilders(metadata, 1);
            versions(database, sizes.corpusLogs() / 8 + 2);
            List<UUID> jobs = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(BenchSql.load("growthRunningJobs"))) {
                statement.setInt(1, sizes.corpusLogs() + 4);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        jobs.add(UUID.fromString(rows.getString(1)));
                    }
                }
            }
            // bytes per line: each log of the corpus in its own job, in batches of up to 1,000 as a builder sends
            long lines = 0;
            long start = System.nanoTime();
            for (int i = 0; i < sizes.corpusLogs(); i++) {
                List<String> log = corpus.log(i);
                UUID job = jobs.get(i);
                lines += log.size();
                for (int from = 0; from < log.size(); from += BATCH) {
                    List<String> batch = log.subList(from, Math.min(log.size(), from + BATCH));
                    metadata.useTransaction(write -> {
                        write.jobLog(job, batch);
                    });
                }
            }
            log("wrote %,d corpus lines of %,d logs in %.1f s", lines, sizes.corpusLogs(),
                    (System.nanoTime() - start) / 1e9);
            BenchSql.execute(connection, "v8LogsCreate");
            BenchSql.execute(connection, "v8LogsFill");
            sql(connection, "VACUUM ANALYZE job_logs");
            sql(connection, "VACUUM ANALYZE v8_job_logs");
            long compact = queryLong(connection, "relationBytes", "job_logs");
            long rowPerLine = queryLong(connection, "relationBytes", "v8_job_logs");
            String method;
            try (PreparedStatement statement = connection.prepareStatement(BenchSql.load("logCompression"));
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                method = rows.getString(1);
            }
            report.row(String.format("log bytes per line, corpus of %,d lines (%,d builds), table + TOAST + indexes",
                    lines, sizes.corpusLogs()), String.format("%.1f B (chunks, %s)", compact / (double) lines, method),
                    String.format("%.1f B a row per line (V8)", rowPerLine / (double) lines),
                    Report.format(rowPerLine / (double) compact) + "× smaller", "≥ 4×");

            // appends: the corpus's lines, old and new alternated twice (best of each), each in jobs of their own
            List<String> pool = new ArrayList<>();
            for (int i = 0; pool.size() < Math.max(BATCH, sizes.appendLines()); i++) {
                pool.addAll(corpus.log(1_000_000 + i));
            }
            List<List<String>> batches = new ArrayList<>();
            for (int from = 0; from + BATCH <= pool.size() && batches.size() * BATCH < sizes.appendLines();
                 from += BATCH) {
                batches.add(pool.subList(from, from + BATCH));
            }
            int perLineLines = Math.max(BATCH, sizes.appendLines() / 20);
            UUID newJob = jobs.get(sizes.corpusLogs());
            UUID oldJob = jobs.get(sizes.corpusLogs() + 1);
            double newBatched = 0;
            double oldBatched = 0;
            double newPerLine = 0;
            double oldPerLine = 0;
            try (Connection raw = database.dataSource().getConnection()) {
                for (int round = 0; round < 2; round++) {
                    oldBatched = Math.max(oldBatched, v8Batched(raw, oldJob, batches));
                    newBatched = Math.max(newBatched, batched(metadata, newJob, batches));
                    oldPerLine = Math.max(oldPerLine, v8PerLine(raw, "v8LogInsert", oldJob,
                            pool.subList(0, perLineLines)));
                    log("one line per call through the same JDBC loop: V9's statement %,.0f lines/s",
                            v8PerLine(raw, "jobLogInsert", jobs.get(sizes.corpusLogs() + 2),
                                    pool.subList(0, perLineLines)));
                    newPerLine = Math.max(newPerLine, perLine(metadata, newJob, pool.subList(0, perLineLines)));
                }
            }
            report.row("log lines/s, batches of 1,000 corpus lines (jobLog)", Report.format(newBatched),
                    Report.format(oldBatched) + " V8 (COPY, a row per line)",
                    Report.format(newBatched / oldBatched) + "×", "≥ 200,000 lines/s");
            report.row("log lines/s, one line per call (jobLog), commit per 1,000", Report.format(newPerLine),
                    Report.format(oldPerLine) + " V8 (INSERT, a row per line)",
                    Report.format(newPerLine / oldPerLine) + "×", "≥ 1× V8");
        }
    }

    private static double batched(Metadata metadata, UUID job, List<List<String>> batches) {
        long start = System.nanoTime();
        for (List<String> batch : batches) {
            metadata.useTransaction(write -> {
                write.jobLog(job, batch);
            });
        }
        return batches.size() * (double) BATCH / ((System.nanoTime() - start) / 1e9);
    }

    private static double perLine(Metadata metadata, UUID job, List<String> lines) {
        long start = System.nanoTime();
        for (int from = 0; from < lines.size(); from += BATCH) {
            List<String> batch = lines.subList(from, Math.min(lines.size(), from + BATCH));
            metadata.useTransaction(write -> {
                for (String line : batch) {
                    write.jobLog(job, List.of(line));
                }
            });
        }
        return lines.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** V8's batch append through plain JDBC: lock the job, COPY the lines in as rows. */
    private static double v8Batched(Connection connection, UUID job, List<List<String>> batches) throws Exception {
        connection.setAutoCommit(false);
        String lock = BenchSql.load("v8LogLock");
        String copy = BenchSql.load("v8LogCopy");
        long start = System.nanoTime();
        for (List<String> batch : batches) {
            long id;
            int stage;
            try (PreparedStatement statement = connection.prepareStatement(lock)) {
                statement.setObject(1, job);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    id = rows.getLong(1);
                    stage = rows.getInt(2);
                }
            }
            StringBuilder text = new StringBuilder(batch.size() * 100);
            for (String line : batch) {
                text.append(id).append('\t').append(stage).append('\t');
                copyEscape(text, line).append('\n');
            }
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy,
                    new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
            connection.commit();
        }
        double rate = batches.size() * (double) BATCH / ((System.nanoTime() - start) / 1e9);
        connection.setAutoCommit(true);
        return rate;
    }

    private static StringBuilder copyEscape(StringBuilder text, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return text;
    }

    /** V8's single-line append through plain JDBC: one INSERT per line, a commit per 1,000. */
    private static double v8PerLine(Connection connection, String statementName, UUID job, List<String> lines)
            throws Exception {
        connection.setAutoCommit(false);
        long start = System.nanoTime();
        try (PreparedStatement statement = connection.prepareStatement(BenchSql.load(statementName))) {
            for (int i = 0; i < lines.size(); i++) {
                statement.setObject(1, job);
                statement.setArray(2, connection.createArrayOf("text", new String[] {lines.get(i)}));
                statement.executeUpdate();
                if ((i + 1) % BATCH == 0) {
                    connection.commit();
                }
            }
            connection.commit();
        }
        double rate = lines.size() / ((System.nanoTime() - start) / 1e9);
        connection.setAutoCommit(true);
        return rate;
    }

    // ---------------------------------------------------------------------------------------------------------
    // the large world: reads, prune, claims

    /**
     * The world on a server with shared buffers sized for it (sharedBuffers.sql; the embedded server is restarted
     * before and after: every other benchmark runs with the default).
     */
    private String world() throws Exception {
        try (TempDatabase database = TempDatabase.create()) {
            restartWith(database, "sharedBuffers");
            try {
                return world(database);
            } finally {
                restartWith(database, "sharedBuffersReset");
            }
        }
    }

    /**
     * Runs a bench statement file of ALTER SYSTEM, then restarts the embedded server so that it takes effect. A server
     * named by BUILDSRS_TEST_DATABASE_URL cannot be restarted from here: its setting is put back and left as it is.
     */
    private static void restartWith(TempDatabase database, String settings) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            BenchSql.execute(connection, settings);
        }
        try {
            database.stopServer();
        } catch (IllegalStateException e) {
            try (Connection connection = database.dataSource().getConnection()) {
                BenchSql.execute(connection, "sharedBuffersReset");
                log("not the embedded server (%s): shared_buffers stays %s", e.getMessage(),
                        BenchSql.single(connection, "sharedBuffersShow"));
            }
            return;
        }
        database.startServer();
        try (Connection connection = database.dataSource().getConnection()) {
            log("shared_buffers now %s", BenchSql.single(connection, "sharedBuffersShow"));
        }
    }

    private String world(TempDatabase database) throws Exception {
        int threads = sizes.threads();
        try (Metadata metadata = connect(database, threads + 2);
             Connection connection = database.dataSource().getConnection()) {
            long start = System.nanoTime();
            List<UUID> builders = targetsAndBuilders(metadata, threads);
            // a builder that ran every oldest job (growthJobs.sql) and stopped 4 months ago: every other job is newer
            UUID retired = builder(metadata, false);
            int versions = Math.max(8, sizes.jobs() / (QueueWorld.TARGETS.length * JOBS_PER_PAIR));
            int crates = versions / 8;
            versions = crates * 8;
            versions(database, crates);
            log("%,d versions in %.0f s", versions, (System.nanoTime() - start) / 1e9);
            BenchSql.execute(connection, "growthLoadStart");
            long[] lastJobOf = new long[JOBS_PER_PAIR + 1];
            long jobs = 0;
            for (int k = 1; k <= JOBS_PER_PAIR; k++) {
                List<Object[]> calls = new ArrayList<>();
                for (long first = 1; first <= versions; first += VERSION_CHUNK) {
                    calls.add(new Object[] {k, JOBS_PER_PAIR, first, Math.min(versions, first + VERSION_CHUNK - 1)});
                }
                jobs += load(database, true, "growthJobs", calls);
                lastJobOf[k] = queryLong(connection, "maxJobId");
                log("%,d jobs in %.0f s", jobs, (System.nanoTime() - start) / 1e9);
            }
            // a quarter of the lines in logs of the oldest jobs (the prune takes those), the rest in the others
            long oldest = lastJobOf[1];
            long oldLogs = Math.max(1, sizes.logLines() / 4 / LINES_PER_LOG);
            long otherLogs = Math.max(1, sizes.logLines() / LINES_PER_LOG - oldLogs);
            long lines = logs(database, 1, oldest, Math.max(1, oldest / oldLogs));
            long oldLines = lines;
            lines += logs(database, oldest + 1, lastJobOf[JOBS_PER_PAIR],
                    Math.max(1, (lastJobOf[JOBS_PER_PAIR] - oldest) / otherLogs));
            log("%,d log lines in %.0f s", lines, (System.nanoTime() - start) / 1e9);
            // artifacts for the newest jobs (about 9 in 10 succeeded), a daily row each for DAYS days
            long newestFirst = lastJobOf[JOBS_PER_PAIR - 1] + 1;
            long artifactsWanted = Math.max(1, sizes.downloads() / DAYS);
            long step = Math.max(1, (long) ((lastJobOf[JOBS_PER_PAIR] - newestFirst + 1) * 0.9 / artifactsWanted));
            List<Object[]> artifactCalls = new ArrayList<>();
            for (long first = newestFirst; first <= lastJobOf[JOBS_PER_PAIR]; first += JOB_CHUNK) {
                artifactCalls.add(new Object[] {first, Math.min(lastJobOf[JOBS_PER_PAIR], first + JOB_CHUNK - 1), step});
            }
            long artifacts = load(database, true, "growthArtifacts", artifactCalls);
            // daily rows for as many artifacts as the size asks (there may be a few more artifacts)
            long lastArtifact = Math.min(queryLong(connection, "maxArtifactId"), artifactsWanted);
            List<Object[]> downloadCalls = new ArrayList<>();
            for (long first = 1; first <= lastArtifact; first += ARTIFACT_CHUNK) {
                downloadCalls.add(new Object[] {DAYS, first, Math.min(lastArtifact, first + ARTIFACT_CHUNK - 1)});
            }
            long downloads = load(database, true, "growthDownloads", downloadCalls);
            BenchSql.execute(connection, "growthLoadEnd");
            vacuumAnalyze(database, List.of("job_artifact_downloads", "jobs", "job_logs", "job_artifacts"));
            double setup = (System.nanoTime() - start) / 1e9;
            log("set up %,d jobs, %,d log lines, %,d artifacts, %,d daily download rows in %.0f s", jobs, lines,
                    artifacts, downloads, setup);
            String size = String.format("%,d jobs, %,d log lines, %,d daily download rows", jobs, lines, downloads);

            // the load's dirty pages written now, not by the checkpointer during the first reads
            BenchSql.execute(connection, "checkpoint");
            reads(metadata, connection, crates, builders, new Retired(retired, lastJobOf[1], jobs - lastJobOf[1]),
                    size);

            // claims: p99 while a prune of the oldest jobs' logs (and jobs) runs, against the idle p99 of as many
            // claims before the prune and after it (the prune's dead rows vacuumed), pooled: one idle p99 of 2,000
            // claims moved between 1.3 and 2.8 ms from run to run, and the ratio with it. One builder claims every
            // CLAIM_PACE_MILLIS, idle and during the prune alike, so its claims spread over the whole prune (back to
            // back, 10,000 claims took the first 6 s of a 92 s prune).
            UUID claimer = builders.get(0);
            ClaimBench.latencies(metadata, claimer, sizes.latencyClaims() / 10);
            HostCpu idleStart = HostCpu.now();
            long[] idleBefore = pacedClaims(metadata, claimer, sizes.latencyClaims());
            String idleBeforeSteal = HostCpu.now().stealSince(idleStart);
            Instant cut = Instant.now().minus(Duration.ofDays(30L * (JOBS_PER_PAIR - 1) - 5));
            ExecutorService executor = Executors.newSingleThreadExecutor();
            long pruneStart = System.nanoTime();
            HostCpu pruneCpu = HostCpu.now();
            Future<JobsPruned> prune = executor.submit(() -> metadata.jobsPrune(cut, false));
            Thread.sleep(200); // let it get going
            List<Long> during = new ArrayList<>();
            while (!prune.isDone() && during.size() < sizes.latencyClaims() * 20) {
                during.add(pacedClaim(metadata, claimer));
            }
            JobsPruned pruned = prune.get();
            double pruneSeconds = (System.nanoTime() - pruneStart) / 1e9;
            String pruneSteal = HostCpu.now().stealSince(pruneCpu);
            executor.shutdown();
            vacuumAnalyze(database, List.of("jobs", "job_logs"));
            idleStart = HostCpu.now();
            long[] idleAfter = pacedClaims(metadata, claimer, sizes.latencyClaims());
            String idleAfterSteal = HostCpu.now().stealSince(idleStart);
            long[] idleBoth = Arrays.copyOf(idleBefore, idleBefore.length + idleAfter.length);
            System.arraycopy(idleAfter, 0, idleBoth, idleBefore.length, idleAfter.length);
            Percentiles idle = new Percentiles(idleBoth);
            Percentiles whilePruning = new Percentiles(during.stream().mapToLong(Long::longValue).toArray());
            log("prune: %s in %.1f s (%,d log lines were in the oldest jobs); %,d claims during it", pruned,
                    pruneSeconds, oldLines, during.size());
            log("idle claim p99 %.2f ms before the prune (%s), %.2f ms after it (%s); %s during it",
                    new Percentiles(idleBefore).millis(99), idleBeforeSteal, new Percentiles(idleAfter).millis(99),
                    idleAfterSteal, pruneSteal);
            report.row(String.format("claim latency p99 during a prune of %,d log lines (%,d claims, one per %d ms;"
                    + " %s)", pruned.logLines(), during.size(), CLAIM_PACE_MILLIS, pruneSteal),
                    ms(whilePruning.millis(99)),
                    String.format("%s idle, same world (%,d claims before and after)", ms(idle.millis(99)),
                            idleBoth.length),
                    Report.format(whilePruning.millis(99) / idle.millis(99)) + "×", "≤ 2×");
            report.row("claim latency p50 during that prune", ms(whilePruning.millis(50)), ms(idle.millis(50))
                    + " idle", Report.format(whilePruning.millis(50) / idle.millis(50)) + "×", "");
            report.row("prune throughput (Metadata.jobsPrune, batches of 500 jobs)",
                    String.format("%,.0f log lines/s, %,.0f jobs/s", pruned.logLines() / pruneSeconds,
                            pruned.jobs() / pruneSeconds),
                    String.format("%,d lines and %,d jobs in %.1f s", pruned.logLines(), pruned.jobs(), pruneSeconds),
                    "", "");

            // claims/s with today's indexes of jobs (V9's and V14's) and with V8's, in eight windows now V8 V8 now V8
            // now now V8: a drift over them (the jobs table grows with every claim) weighs on both alike. Each window
            // starts after a checkpoint, so none pays for what came before it. A window's rate moved by up to 20 % from
            // the one before on the same indexes (runs E-I, four windows of 15 s), hence four of each.
            List<UUID> claimers = builders.subList(0, threads);
            int seconds = Math.max(1, sizes.seconds() * 2 / 3);
            List<Double> now = new ArrayList<>();
            List<Double> v8 = new ArrayList<>();
            List<String> windows = new ArrayList<>();
            long[] crateListV8 = null;
            boolean v8Indexes = false;
            for (char window : CLAIM_WINDOWS.toCharArray()) {
                boolean wantV8 = window == 'B';
                if (wantV8 != v8Indexes) {
                    BenchSql.execute(connection, wantV8 ? "jobsIndexesV8" : "jobsIndexesV14");
                    v8Indexes = wantV8;
                }
                if (v8Indexes && crateListV8 == null) {
                    crateListV8 = sample(3, random -> { // a second or more each
                        try (ReadHandle read = metadata.read()) {
                            read.jobList(JobFilter.all().crate("bench-crate-" + (1 + random.nextInt(crates))));
                        }
                    });
                }
                HostCpu before = HostCpu.now();
                double rate = claimsPerSecond(metadata, connection, claimers, seconds);
                (wantV8 ? v8 : now).add(rate);
                windows.add(String.format("%s %,.0f (%s)", wantV8 ? "V8" : "now", rate,
                        HostCpu.now().stealSince(before)));
            }
            double withMean = now.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double withoutMean = v8.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            log("claims/s windows: %s", String.join(", ", windows));
            report.row(String.format("claims/s, %d builders, %s (V9 and V14 indexes of jobs; mean of %d windows of"
                            + " %d s, %s)", threads, size, now.size(), seconds, windowsShown(now)),
                    Report.format(withMean), Report.format(withoutMean) + " with V8's indexes of jobs (mean of "
                            + v8.size() + ": " + windowsShown(v8) + ")",
                    Report.format(100 * withMean / withoutMean) + " %", "≥ 90 %");
            Percentiles v8Crate = new Percentiles(crateListV8);
            report.row("jobList by crate with V8's indexes (no index of jobs by version), p50",
                    ms(v8Crate.millis(50)), crateListV8.length + " samples", "", "");
            return serverVersion(connection);
        }
    }

    /** {@link #pacedClaim} {@code claims} times; nanoseconds each. */
    private static long[] pacedClaims(Metadata metadata, UUID claimer, int claims) throws InterruptedException {
        long[] nanos = new long[claims];
        for (int i = 0; i < claims; i++) {
            nanos[i] = pacedClaim(metadata, claimer);
        }
        return nanos;
    }

    /** Waits {@link #CLAIM_PACE_MILLIS}, then claims a job (one-shot); the claim's nanoseconds. */
    private static long pacedClaim(Metadata metadata, UUID claimer) throws InterruptedException {
        Thread.sleep(CLAIM_PACE_MILLIS);
        long start = System.nanoTime();
        if (metadata.jobRequest(claimer).isEmpty()) {
            throw new IllegalStateException("the queue ran dry");
        }
        return System.nanoTime() - start;
    }

    /** Claims/s of the builders in a window of {@code seconds}, started after a checkpoint. */
    private static double claimsPerSecond(Metadata metadata, Connection connection, List<UUID> claimers, int seconds)
            throws Exception {
        BenchSql.execute(connection, "checkpoint");
        return ClaimBench.run(metadata, claimers, seconds, Long.MAX_VALUE, ClaimBench.Mode.ONE_SHOT).perSecond();
    }

    private static String windowsShown(List<Double> rates) {
        return String.join(" / ", rates.stream().map(Report::format).toList());
    }

    private static String serverVersion(Connection connection) throws SQLException {
        try (var rows = connection.prepareStatement(BenchSql.load("serverVersion")).executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static long logs(TempDatabase database, long first, long last, long step) throws Exception {
        List<Object[]> calls = new ArrayList<>();
        for (long from = first; from <= last; from += JOB_CHUNK) {
            calls.add(new Object[] {LINES_PER_LOG, from, Math.min(last, from + JOB_CHUNK - 1), step});
        }
        return LINES_PER_LOG * load(database, true, "growthLogs", calls);
    }

    /**
     * Runs a statement file once per parameter list, on {@link #LOADERS} connections at once; {@code unchecked}:
     * without per-row foreign key checks or triggers ({@code growthLoader.sql}). Returns the sum of the update counts.
     */
    private static long load(TempDatabase database, boolean unchecked, String name, List<Object[]> calls)
            throws Exception {
        return inParallel(database, unchecked ? "growthLoader" : null, calls,
                (connection, parameters) -> BenchSql.execute(connection, name, parameters));
    }

    /** VACUUM ANALYZE of each table, on {@link #LOADERS} connections at once. */
    private static void vacuumAnalyze(TempDatabase database, List<String> tables) throws Exception {
        inParallel(database, null, tables, (connection, table) -> {
            sql(connection, "VACUUM ANALYZE " + table);
            return 0;
        });
    }

    /** One unit of a parallel load: runs on its own connection. */
    private interface LoadWork<T> {
        long run(Connection connection, T item) throws SQLException;
    }

    /**
     * Runs the work for each item, on {@link #LOADERS} connections at once, each set up once by the statement file
     * {@code setup} (none if null); returns the sum of what the work returned.
     */
    private static <T> long inParallel(TempDatabase database, String setup, List<T> items, LoadWork<T> work)
            throws Exception {
        ExecutorService loaders = Executors.newFixedThreadPool(LOADERS);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<Long>> parts = new ArrayList<>();
            for (int i = 0; i < LOADERS; i++) {
                parts.add(loaders.submit(() -> {
                    long sum = 0;
                    try (Connection connection = database.dataSource().getConnection()) {
                        if (setup != null) {
                            BenchSql.execute(connection, setup);
                        }
                        for (int item = next.getAndIncrement(); item < items.size(); item = next.getAndIncrement()) {
                            sum += work.run(connection, items.get(item));
                        }
                    }
                    return sum;
                }));
            }
            long sum = 0;
            for (Future<Long> part : parts) {
                sum += part.get();
            }
            return sum;
        } finally {
            loaders.shutdownNow();
        }
    }

    private static List<String[]> samples(Connection connection, String kind, int count) throws SQLException {
        List<String[]> keys = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(BenchSql.load("growthSamples"))) {
            statement.setString(1, kind);
            statement.setInt(2, count);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.add(new String[] {rows.getString(1), rows.getString(2)});
                }
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("no " + kind + " samples in the growth world");
        }
        return keys;
    }

    /** Runs a read {@code samples} times with a seeded random; nanoseconds each. */
    private static long[] sample(int samples, Consumer<Random> read) {
        Random random = new Random(20261130);
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            read.accept(random);
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    /** A builder that stopped long ago: its uuid, how many jobs it ran, and how many jobs are newer than its newest. */
    private record Retired(UUID uuid, long jobs, long newer) {
    }

    /** One kind of read of the benchmark: its row's name and a call with random keys. */
    private record Read(String what, Consumer<Random> call) {
    }

    /**
     * Each read's p50 and p99 over the run's samples. Every read is first called a quarter as many times as it is
     * measured, all before the first is measured: the JVM compiles the paths they share while they warm up, not
     * during another read's samples (the first of them otherwise measured its own p99 1-3 ms higher). Each row says
     * how much CPU time the host took from this VM while it ran (steal), which moves the tails.
     */
    private void reads(Metadata metadata, Connection connection, int crates, List<UUID> builders, Retired retired,
                       String size) throws SQLException {
        int n = sizes.readSamples();
        List<String[]> anyJob = samples(connection, "job", n);
        List<String[]> logJobs = samples(connection, "log", n);
        List<String[]> artifactJobs = samples(connection, "artifact", n);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Read> reads = List.of(
                new Read("jobList by crate (newest 100)", random -> list(metadata,
                        JobFilter.all().crate("bench-crate-" + (1 + random.nextInt(crates))))),
                new Read("jobList by version", random -> list(metadata,
                        JobFilter.all().crate("bench-crate-" + (1 + random.nextInt(crates)))
                                .version("1.0." + (1 + random.nextInt(8))))),
                new Read("jobList by builder (newest 100)", random -> list(metadata,
                        JobFilter.all().builder(builders.get(random.nextInt(builders.size()))))),
                new Read(String.format("jobList by a builder that ran the oldest %,d jobs and stopped (%,d jobs newer;"
                        + " pages 1-10 of 100)", retired.jobs(), retired.newer()), random -> list(metadata,
                        JobFilter.all().builder(retired.uuid()).page(100, random.nextInt(10) * 100))),
                new Read("jobList by target (newest 100)", random -> list(metadata,
                        JobFilter.all().target(QueueWorld.TARGETS[random.nextInt(QueueWorld.TARGETS.length)]))),
                new Read("jobList failed only (newest 100)", random -> list(metadata,
                        JobFilter.all().success(false).page(100, random.nextInt(10) * 100))),
                new Read("jobList newest first, limit 100, pages 1-10", random -> list(metadata,
                        JobFilter.all().page(100, random.nextInt(10) * 100))),
                new Read("jobInfo", random -> {
                    try (ReadHandle read = metadata.read()) {
                        read.jobInfo(UUID.fromString(anyJob.get(random.nextInt(anyJob.size()))[0]));
                    }
                }),
                new Read("jobLogs of one job (" + LINES_PER_LOG + " lines)", random -> {
                    try (ReadHandle read = metadata.read()) {
                        read.jobLogs(UUID.fromString(logJobs.get(random.nextInt(logJobs.size()))[0]), line -> { });
                    }
                }),
                new Read("jobArtifacts", random -> {
                    try (ReadHandle read = metadata.read()) {
                        read.jobArtifacts(UUID.fromString(artifactJobs.get(random.nextInt(artifactJobs.size()))[0]));
                    }
                }),
                new Read("artifactDownloads over 90 days", random -> {
                    try (ReadHandle read = metadata.read()) {
                        read.artifactDownloads(Long.parseLong(artifactJobs.get(random.nextInt(artifactJobs.size()))[1]),
                                today.minusDays(90), today);
                    }
                }));
        for (Read read : reads) {
            Random random = new Random(20261129);
            for (int i = 0; i < Math.max(1, n / 4); i++) {
                read.call().accept(random);
            }
        }
        for (Read read : reads) {
            HostCpu before = HostCpu.now();
            Percentiles p = new Percentiles(sample(n, read.call()));
            report.row(read.what() + " p50 / p99", ms(p.millis(50)) + " / " + ms(p.millis(99)),
                    String.format("%,d samples, %s; %s", n, HostCpu.now().stealSince(before), size), "",
                    "p99 ≤ 10 ms");
        }
        // the same builder's page as V14 chose it: the primary key walked back through every newer job
        long retiredId = queryLong(connection, "builderId", retired.uuid().toString());
        Percentiles unbounded = new Percentiles(sample(3, random -> {
            try {
                BenchSql.execute(connection, "jobListBuilderV14", retiredId);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }));
        report.row("jobList by that builder as V14 chose its page (no bound at its newest job), p50",
                ms(unbounded.millis(50)), "3 samples", "", "");
    }

    private static void list(Metadata metadata, JobFilter filter) {
        try (ReadHandle read = metadata.read()) {
            read.jobList(filter);
        }
    }

    private static String ms(double millis) {
        return String.format("%.2f ms", millis);
    }
}
