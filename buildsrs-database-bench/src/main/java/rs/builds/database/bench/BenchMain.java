package rs.builds.database.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.kohsuke.args4j.CmdLineException;
import org.kohsuke.args4j.CmdLineParser;
import org.kohsuke.args4j.Option;
import rs.builds.database.JobInfo;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.Metadata;
import rs.builds.database.Pooler;
import rs.builds.database.bench.soak.Soak;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempPgBouncer;

/**
 * Runs the benchmarks and prints a Markdown table of results beside their baselines. Not part of the test
 * run: {@code java -jar buildsrs-database-bench/target/buildsrs-database-bench.jar [--small]}.
 */
public final class BenchMain {
    @Option(name = "--versions", usage = "versions in the large queue (two targets each)")
    private int versions = 2_000_000;

    @Option(name = "--small-versions", usage = "versions in the small queue, for the latency comparison")
    private int smallVersions = 20_000;

    @Option(name = "--threads", usage = "concurrent builders")
    private int threads = 16;

    @Option(name = "--seconds", usage = "seconds per throughput measurement")
    private int seconds = 15;

    @Option(name = "--latency-claims", usage = "claims per latency measurement")
    private int latencyClaims = 2000;

    @Option(name = "--log-lines", usage = "log lines per append measurement")
    private int logLines = 200_000;

    @Option(name = "--small", usage = "a quick run: 200k versions, 5 s, fewer lines")
    private boolean small;

    @Option(name = "--only", usage = "comma-separated: claims, latency, logs, pooler, sync, search, tempdb, drain"
            + " (default all of these), growth (10 to 20 minutes, only when named), soak (a mixed workload with"
            + " faults, then its invariants; --soak-minutes long, only when named; exits 1 if one is broken)")
    private String only = "claims,latency,logs,pooler,sync,search,tempdb,drain";

    @Option(name = "--pooler-server-connections", usage = "PgBouncer's server connections (default_pool_size) in the"
            + " pooler benchmark, and per login in the soak through PgBouncer")
    private int poolerServerConnections = 8;

    @Option(name = "--drain-pairs", usage = "pairs the drain benchmark queues and claims to the last")
    private int drainPairs = 100_000;

    @Option(name = "--sync-crates", usage = "crates in the generated index (about 8 versions each)")
    private int syncCrates = 250_000;

    @Option(name = "--write-index", metaVar = "DIR", usage = "write the generated index (--sync-crates crates, about 8"
            + " versions each) to this directory in the crates.io index layout and exit, e.g. to try crate import on")
    private Path writeIndex;

    @Option(name = "--growth-jobs", usage = "growth benchmark (--only growth, not in the default set): finished jobs")
    private int growthJobs = 10_000_000;

    @Option(name = "--growth-log-lines", usage = "growth benchmark: log lines, half of them in the oldest jobs")
    private int growthLogLines = 20_000_000;

    @Option(name = "--growth-downloads", usage = "growth benchmark: daily download rows")
    private int growthDownloads = 50_000_000;

    @Option(name = "--growth-corpus-logs", usage = "growth benchmark: corpus build logs for bytes per line")
    private int growthCorpusLogs = 2_000;

    @Option(name = "--soak-minutes", usage = "soak (--only soak): how long the workload runs, in minutes")
    private double soakMinutes = 10;

    @Option(name = "--soak-pooler", metaVar = "none|transaction", usage = "soak: connect directly (none) or through a"
            + " real PgBouncer in transaction mode")
    private String soakPooler = "none";

    @Option(name = "--soak-builders", usage = "soak: builders")
    private int soakBuilders = 32;

    @Option(name = "--soak-crates", usage = "soak: crates in the registry at the start (one to six versions each)")
    private int soakCrates = 2_000;

    @Option(name = "--soak-cli-jar", usage = "soak: the admin CLI's runnable jar, which the admin runs as a process")
    private Path soakCliJar = Path.of("buildsrs-database-cli/target/buildsrs-database.jar");

    @Option(name = "--soak-heap-mb", usage = "soak: the most heap the run may hold after a full GC at its end, in MB")
    private long soakHeapMb = 256;

    @Option(name = "--out", usage = "also write the table to this file")
    private Path out;

    @Option(name = "--help", help = true, usage = "show this help")
    private boolean help;

    private static final long SEED = 20261128;

    private BenchMain() {
    }

    /**
     * @param args see {@code --help}
     * @throws Exception when a benchmark fails
     */
    public static void main(String[] args) throws Exception {
        BenchMain bench = new BenchMain();
        CmdLineParser parser = new CmdLineParser(bench);
        try {
            parser.parseArgument(args);
        } catch (CmdLineException e) {
            System.err.println("ERROR: " + e.getMessage());
            usage(System.err);
            System.exit(2);
        }
        if (bench.help) {
            usage(System.out);
            return;
        }
        if (bench.small) {
            bench.versions = 200_000;
            bench.seconds = 5;
            bench.logLines = 50_000;
            bench.syncCrates = 25_000;
        }
        if (bench.writeIndex != null) {
            long lines = new IndexGenerator(bench.syncCrates, SEED).writeIndex(bench.writeIndex);
            System.err.printf("wrote %,d versions of %,d crates to %s%n", lines, bench.syncCrates, bench.writeIndex);
            return;
        }
        System.exit(bench.run());
    }

    /**
     * Prints the options with the defaults of a fresh instance: a parser's own instance holds the command line's
     * values, among them {@code --help}'s {@code true}.
     *
     * @param to stdout for help that was asked for, stderr after a usage error
     */
    static void usage(PrintStream to) {
        new CmdLineParser(new BenchMain()).printUsage(to);
    }

    /** @return the exit code: 1 if the soak found an invariant broken */
    private int run() throws Exception {
        Set<String> benches = Set.of(only.split(","));
        int exit = 0;
        if (benches.contains("soak")) {
            if (!soakPooler.equals("none") && !soakPooler.equals("transaction")) {
                System.err.println("ERROR: --soak-pooler is none or transaction, not " + soakPooler);
                return 2;
            }
            boolean held = Soak.run(new Soak.Options(soakMinutes, soakPooler.equals("transaction")
                    ? poolerServerConnections : 0, soakBuilders, soakCrates, soakCliJar, soakHeapMb, SEED), System.out);
            exit = held ? 0 : 1;
            if (benches.size() == 1) {
                return exit;
            }
        }
        Report report = new Report();
        String serverVersion = null;
        if (benches.contains("sync") || benches.contains("search")) {
            serverVersion = syncAndSearch(report, benches);
        }
        if (benches.contains("tempdb")) {
            int count = small ? 10 : 30;
            double migrated = TempDatabaseBench.migrated(count);
            double cloned = TempDatabaseBench.cloned(count);
            report.row("temp database, clone of migrated template", String.format("%.0f ms", cloned),
                    String.format("%.0f ms migrating a blank one", migrated), Report.format(migrated / cloned) + "× faster",
                    "");
        }
        if (benches.contains("drain")) {
            drain(report);
        }
        if (benches.contains("growth")) {
            int scale = small ? 10 : 1;
            // 2,000 read samples: a p99 of 300 was their third-worst, and moved by milliseconds between runs
            serverVersion = GrowthBench.run(report, new GrowthBench.Sizes(growthJobs / scale, growthLogLines / scale,
                    growthDownloads / scale, growthCorpusLogs / scale, logLines, threads, seconds, latencyClaims,
                    small ? 200 : 2_000));
        }
        if (!benches.contains("claims") && !benches.contains("latency") && !benches.contains("logs")
                && !benches.contains("pooler")) {
            finish(report, serverVersion);
            return exit;
        }
        long start = System.nanoTime();
        try (QueueWorld large = QueueWorld.create(versions, Math.max(threads, 1), threads)) {
            serverVersion = large.serverVersion();
            System.err.printf("set up %,d versions (%,d queued pairs) in %.0f s%n", versions, versions * 2L,
                    (System.nanoTime() - start) / 1e9);
            if (benches.contains("latency")) {
                latency(report, large);
            }
            if (benches.contains("claims")) {
                claims(report, large);
            }
            if (benches.contains("pooler")) {
                pooler(report, large);
            }
            if (benches.contains("logs")) {
                logs(report, large);
            }
        }
        finish(report, serverVersion);
        return exit;
    }

    private void finish(Report report, String serverVersion) throws java.io.IOException {
        String table = report.markdown(serverVersion == null ? "?" : serverVersion);
        System.out.print(table);
        if (out != null) {
            Files.writeString(out, table);
        }
    }

    /** Runs of the first sync, the no-change resync and the raw COPY, alternated; the median of each is reported. */
    private static final int MEDIAN_OF = 3;

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private String syncAndSearch(Report report, Set<String> benches) throws Exception {
        IndexGenerator index = new IndexGenerator(syncCrates, SEED);
        try (TempDatabase database = TempDatabase.create(); Metadata metadata = SyncBench.connect(database, threads);
) {
            SyncBench.Timed<rs.builds.database.SyncSummary> initial = SyncBench.sync(metadata, index.rows());
            long rows = initial.value().rows();
            System.err.printf("initial sync of %,d versions: %.1f s%n", rows, initial.seconds());
            if (benches.contains("sync")) {
                double perRow;
                try (TempDatabase baseline = TempDatabase.create(); Metadata baselineMetadata = SyncBench.connect(baseline, threads)) {
                    perRow = SyncBench.perRowUpserts(baselineMetadata, index.rows(), small ? 5_000 : 20_000, threads);
                }
                double perRowSeconds = rows / perRow;
                // the two shortest and closest measurements: alternated, median of three each, so one hiccup of the
                // shared machine decides neither
                double[] copies = new double[MEDIAN_OF];
                double[] resyncs = new double[MEDIAN_OF];
                // the first sync too: the one above (the JVM's first work) and more into new databases
                double[] initials = new double[MEDIAN_OF];
                initials[0] = initial.seconds();
                SyncBench.Timed<rs.builds.database.SyncSummary> resync = null;
                for (int i = 0; i < MEDIAN_OF; i++) {
                    try (TempDatabase bare = TempDatabase.createBlank()) {
                        copies[i] = SyncBench.rawCopy(bare, index.rows());
                    }
                    resync = SyncBench.sync(metadata, index.rows());
                    resyncs[i] = resync.seconds();
                    if (i + 1 < MEDIAN_OF) {
                        try (TempDatabase fresh = TempDatabase.create(); Metadata into = SyncBench.connect(fresh, 2)) {
                            initials[i + 1] = SyncBench.sync(into, index.rows()).seconds();
                        }
                    }
                }
                double copy = median(copies);
                double resyncSeconds = median(resyncs);
                double initialSeconds = median(initials);
                // the steady state: small partial syncs against the per-row path, on the index as synced
                partialRows(report, metadata, index);
                try (var connection = database.dataSource().getConnection()) {
                    BenchSql.execute(connection, "clearSyncDigests");
                    settle(connection);
                }
                SyncBench.Timed<rs.builds.database.SyncSummary> compared = SyncBench.sync(metadata, index.rows());
                try (var connection = database.dataSource().getConnection()) {
                    settle(connection);
                }
                SyncBench.Timed<rs.builds.database.SyncSummary> changed = SyncBench.sync(metadata,
                        SyncBench.changed(index.rows()));
                System.err.printf("initial syncs %s s; raw COPY %s s; resync %s s (%s); every row compared %.1f s (%s);"
                        + " 1%% changed %.1f s (%s)%n", Arrays.toString(initials), Arrays.toString(copies),
                        Arrays.toString(resyncs),
                        resync.value(), compared.seconds(), compared.value(), changed.seconds(), changed.value());
                String size = String.format("%,d versions of %,d crates", rows, syncCrates);
                report.row("initial sync via API (median of " + MEDIAN_OF + "), " + size,
                        String.format("%.1f s", initialSeconds),
                        String.format("%.0f s per-row upserts (%,.0f rows/s, %d in flight, extrapolated)",
                                perRowSeconds, perRow, threads),
                        Report.format(perRowSeconds / initialSeconds) + "× faster", "≥ 20×");
                report.row("initial sync via API vs raw COPY (medians of " + MEDIAN_OF + ")",
                        String.format("%.1f s", initialSeconds),
                        String.format("%.1f s raw COPY into a bare table", copy),
                        Report.format(initialSeconds / copy) + "× COPY", "≤ 4×");
                report.row("resync, no changes (median of " + MEDIAN_OF + ")", String.format("%.2f s", resyncSeconds),
                        String.format("%.2f s raw COPY (median of %d)", copy, MEDIAN_OF),
                        Report.format(resyncSeconds / copy) + "× COPY", "≤ 1×");
                report.row("resync, no changes, no digests stored (every row compared)",
                        String.format("%.1f s", compared.seconds()), String.format("%.1f s raw COPY", copy),
                        Report.format(compared.seconds() / copy) + "× COPY", "");
                report.row(String.format("resync, %,d yanks flipped + %,d new versions",
                        changed.value().versionsYanked() + changed.value().versionsUnyanked(),
                        changed.value().versionsAdded()), String.format("%.1f s", changed.seconds()),
                        String.format("%.1f s raw COPY", copy), Report.format(changed.seconds() / copy) + "× COPY", "");
            }
            String version;
            try (var connection = database.dataSource().getConnection();
                 var rowsOfVersion = connection.prepareStatement(BenchSql.load("serverVersion")).executeQuery()) {
                rowsOfVersion.next();
                version = rowsOfVersion.getString(1);
            }
            if (benches.contains("search")) {
                var queries = SearchBench.queries(syncCrates, small ? 300 : 1000, SEED);
                SearchBench.run(metadata, queries.subList(0, 100));
                long[] nanos = SearchBench.run(metadata, queries);
                Percentiles indexed = new Percentiles(nanos);
                Percentiles misspelled = new Percentiles(SearchBench.kind(nanos, 2));
                SearchBench.runEverySimilar(database, queries.subList(0, 100));
                Percentiles everySimilar = new Percentiles(SearchBench.runEverySimilar(database, queries));
                SearchBench.dropTrigramIndex(database);
                Percentiles scanned = new Percentiles(SearchBench.run(metadata, queries.subList(0, small ? 30 : 60)));
                report.row(String.format("crateList p50, %,d crates", syncCrates), ms(indexed.millis(50)),
                        ms(scanned.millis(50)) + " without the trigram index",
                        Report.format(scanned.millis(50) / indexed.millis(50)) + "× faster", "p50 ≤ 5 ms");
                report.row(String.format("crateList p99, %,d crates", syncCrates), ms(indexed.millis(99)),
                        ms(scanned.millis(99)) + " without the trigram index",
                        Report.format(scanned.millis(99) / indexed.millis(99)) + "× faster", "");
                report.row("crateList p50, misspelled queries only (a third)", ms(misspelled.millis(50)),
                        ms(indexed.millis(50)) + " all queries", "", "");
                report.row("search before V6 (every match ≥ 0.3 at once) p50 / p99",
                        ms(everySimilar.millis(50)) + " / " + ms(everySimilar.millis(99)),
                        ms(indexed.millis(50)) + " / " + ms(indexed.millis(99)) + " crateList",
                        Report.format(everySimilar.millis(50) / indexed.millis(50)) + "× p50", "");
            }
            return version;
        }
    }

    /**
     * Before a complete sync measured once: the dead rows and statistics the last one left are dealt with now (as
     * autovacuum would in the hour between two syncs of the registry), not by autovacuum during the measurement.
     */
    private static void settle(Connection connection) throws SQLException {
        BenchSql.execute(connection, "syncVacuum");
        BenchSql.execute(connection, "checkpoint");
    }

    /** Crates per partial sync round, against as many versions added row by row. */
    private static final int[] PARTIAL_SIZES = {10, 100, 1000};
    /** Rounds of each size and path; the median is reported. */
    private static final int PARTIAL_ROUNDS = 9;
    /** Crates stored for the second 10-crate row: its time must not grow with the crates stored. */
    private static final int PARTIAL_FEWER_CRATES = 25_000;

    /**
     * Rows comparing partial syncs of 10, 100 and 1,000 crates (every version of each plus a new one) with
     * {@code crateVersionAdd} of as many new versions in one transaction, on the database holding the index; and the
     * 10-crate sync on a database of 25,000 crates against the one here.
     */
    private void partialRows(Report report, Metadata metadata, IndexGenerator index) throws Exception {
        double tenAtFull = Double.NaN;
        for (int i = 0; i < PARTIAL_SIZES.length; i++) {
            int size = PARTIAL_SIZES[i];
            if (2L * size * PARTIAL_ROUNDS * PARTIAL_SIZES.length > syncCrates) {
                continue; // (--small: too few crates for the largest rounds)
            }
            var rounds = SyncBench.PartialRounds.of(index, syncCrates, size, PARTIAL_ROUNDS, i, PARTIAL_SIZES.length);
            long[][] nanos = SyncBench.partialVersusPerRow(metadata, rounds);
            double sync = new Percentiles(nanos[0]).millis(50);
            double perRow = new Percentiles(nanos[1]).millis(50);
            System.err.printf("partial sync of %d crates: %s ns; per row %s ns%n", size, Arrays.toString(nanos[0]),
                    Arrays.toString(nanos[1]));
            long rows = rounds.sync().get(0).size();
            report.row(String.format("partial sync, %,d crates (about %,d rows: every version + 1 new each), %,d"
                            + " stored, p50 of %d", size, rows, syncCrates, PARTIAL_ROUNDS), ms(sync),
                    String.format("%s crateVersionAdd of %,d new versions in one transaction (p50)", ms(perRow), size),
                    Report.format(sync / perRow) + "× per-row",
                    size == 10 ? "≤ 2×" : size == 100 ? "≤ 1.2×" : "< 1×");
            if (size == 10) {
                tenAtFull = sync;
            }
        }
        if (syncCrates > PARTIAL_FEWER_CRATES && !Double.isNaN(tenAtFull)) {
            IndexGenerator fewer = new IndexGenerator(PARTIAL_FEWER_CRATES, SEED);
            try (TempDatabase database = TempDatabase.create(); Metadata few = SyncBench.connect(database, threads)) {
                SyncBench.sync(few, fewer.rows());
                var rounds = SyncBench.PartialRounds.of(fewer, PARTIAL_FEWER_CRATES, 10, PARTIAL_ROUNDS, 0, 1);
                long[][] nanos = SyncBench.partialVersusPerRow(few, rounds);
                double sync = new Percentiles(nanos[0]).millis(50);
                report.row(String.format("partial sync, 10 crates, %,d stored, p50 of %d", PARTIAL_FEWER_CRATES,
                                PARTIAL_ROUNDS), ms(sync),
                        String.format("%s with %,d stored (row above)", ms(tenAtFull), syncCrates),
                        Report.format(tenAtFull / sync) + "× apart", "≤ 1.5×");
            }
        }
    }

    private void latency(Report report, QueueWorld large) throws Exception {
        double[] largeP;
        double[] smallP;
        try (QueueWorld smallWorld = QueueWorld.create(smallVersions, 1, 2)) {
            // alternate the two queues so drift of the shared machine hits both alike
            ClaimBench.latencies(smallWorld.metadata, smallWorld.builders.get(0), latencyClaims / 10);
            ClaimBench.latencies(large.metadata, large.builders.get(0), latencyClaims / 10);
            Percentiles smallLatency = new Percentiles(
                    ClaimBench.latencies(smallWorld.metadata, smallWorld.builders.get(0), latencyClaims));
            Percentiles largeLatency = new Percentiles(
                    ClaimBench.latencies(large.metadata, large.builders.get(0), latencyClaims));
            smallP = new double[] {smallLatency.millis(50), smallLatency.millis(99)};
            largeP = new double[] {largeLatency.millis(50), largeLatency.millis(99)};
        }
        report.row(String.format("claim latency p50, %,d pairs queued", versions * 2L), ms(largeP[0]),
                ms(smallP[0]) + String.format(" with %,d queued", smallVersions * 2L),
                Report.format(largeP[0] / smallP[0]) + "×", "≤ 2×");
        report.row(String.format("claim latency p99, %,d pairs queued", versions * 2L), ms(largeP[1]),
                ms(smallP[1]) + String.format(" with %,d queued", smallVersions * 2L),
                Report.format(largeP[1] / smallP[1]) + "×", "");
    }

    private void claims(Report report, QueueWorld large) throws Exception {
        List<UUID> builders = large.builders.subList(0, threads);
        ClaimBench.Result result = ClaimBench.run(large.metadata, builders, seconds, Long.MAX_VALUE,
                ClaimBench.Mode.ONE_SHOT);
        ClaimBench.Result inTransaction = ClaimBench.run(large.metadata, builders, seconds, Long.MAX_VALUE,
                ClaimBench.Mode.IN_TRANSACTION);
        if (result.doubleClaims() != 0 || inTransaction.doubleClaims() != 0) {
            throw new IllegalStateException((result.doubleClaims() + inTransaction.doubleClaims())
                    + " pairs were claimed twice");
        }
        double tps;
        try (TempDatabase pgbench = TempDatabase.createBlank()) {
            tps = PgBench.simpleUpdateTps(pgbench, threads, seconds);
        }
        report.row(String.format("claims/s, %d builders, %,d queued (Metadata.jobRequest)", threads,
                versions * 2L), Report.format(result.perSecond()), Report.format(tps) + " tps pgbench -N -c " + threads,
                Report.format(100 * result.perSecond() / tps) + " %", "≥ 50 %");
        report.row(String.format("claims/s, %d builders, in a caller's transaction", threads),
                Report.format(inTransaction.perSecond()), Report.format(tps) + " tps pgbench -N -c " + threads,
                Report.format(100 * inTransaction.perSecond() / tps) + " %", "");
        double direct = PgBench.claimTps(large.database, threads, seconds);
        report.row("claims/s by pgbench calling job_claim (server's limit)", Report.format(direct),
                Report.format(tps) + " tps pgbench -N -c " + threads, Report.format(100 * direct / tps) + " %", "");
    }

    /**
     * Claims through a real PgBouncer in transaction mode against pgbench through the same PgBouncer, next to the
     * same pair measured directly; the two numbers of each ratio are measured back to back, after a warm-up.
     */
    private void pooler(Report report, QueueWorld large) throws Exception {
        List<UUID> builders = large.builders.subList(0, threads);
        try (TempPgBouncer bouncer = TempPgBouncer.start(large.database, "transaction", poolerServerConnections);
             Metadata pooled = Metadata.connect(ConnectionConfig.of(bouncer.jdbcUrl())
                     .withCredentials(large.database.user(), large.database.password()).withMaxConnections(threads)
                     .withPooler(Pooler.TRANSACTION));
             TempDatabase pgbench = TempDatabase.createBlank()) {
            PgBench.initialize(pgbench);
            // warm both paths up (JIT, plans, the pooler's server connections) before anything is measured
            ClaimBench.run(large.metadata, builders, Math.max(1, seconds / 3), Long.MAX_VALUE, ClaimBench.Mode.ONE_SHOT);
            ClaimBench.run(pooled, builders, Math.max(1, seconds / 3), Long.MAX_VALUE, ClaimBench.Mode.ONE_SHOT);
            // each ratio's two numbers measured back to back
            ClaimBench.Result viaPooler = ClaimBench.run(pooled, builders, seconds, Long.MAX_VALUE,
                    ClaimBench.Mode.ONE_SHOT);
            double pooledTps = PgBench.simpleUpdateTps(pgbench, "127.0.0.1", bouncer.port(), threads, seconds);
            ClaimBench.Result direct = ClaimBench.run(large.metadata, builders, seconds, Long.MAX_VALUE,
                    ClaimBench.Mode.ONE_SHOT);
            double directTps = PgBench.simpleUpdateTps(pgbench, pgbench.host(), pgbench.port(), threads, seconds);
            if (direct.doubleClaims() != 0 || viaPooler.doubleClaims() != 0) {
                throw new IllegalStateException((direct.doubleClaims() + viaPooler.doubleClaims())
                        + " pairs were claimed twice");
            }
            System.err.printf("pooler: direct %,.0f claims/s vs %,.0f tps; through PgBouncer %,.0f claims/s vs %,.0f"
                    + " tps%n", direct.perSecond(), directTps, viaPooler.perSecond(), pooledTps);
            String through = String.format(" through PgBouncer (transaction mode, %d server connections)",
                    poolerServerConnections);
            report.row(String.format("claims/s, %d builders%s", threads, through), Report.format(viaPooler.perSecond()),
                    Report.format(pooledTps) + " tps pgbench -N -c " + threads + " through the same PgBouncer",
                    Report.format(100 * viaPooler.perSecond() / pooledTps) + " %", "≥ 50 %");
            report.row(String.format("claims/s, %d builders, direct (same run as the row above)", threads),
                    Report.format(direct.perSecond()), Report.format(directTps) + " tps pgbench -N -c " + threads,
                    Report.format(100 * direct.perSecond() / directTps) + " %", "");
        }
    }

    /** 32 builders claim a queue to the last pair: every pair exactly once, none lost. */
    private void drain(Report report) throws Exception {
        int builders = 32;
        try (QueueWorld world = QueueWorld.create(drainPairs / 2, builders, builders)) {
            ClaimBench.Result result = ClaimBench.run(world.metadata, world.builders, 3600, Long.MAX_VALUE,
                    ClaimBench.Mode.ONE_SHOT);
            long left;
            try (var read = world.metadata.read()) {
                left = read.queueStats().queued();
            }
            long expected = (drainPairs / 2 / 8) * 8L * 2;
            if (result.doubleClaims() != 0 || result.claims() != expected || left != 0) {
                throw new IllegalStateException("drain: " + result.claims() + " claims of " + expected + ", "
                        + result.doubleClaims() + " double, " + left + " left queued");
            }
            report.row(String.format("drain %,d pairs with %d builders", expected, builders),
                    String.format("%.1f s, 0 double claims, 0 lost", result.seconds()),
                    Report.format(result.perSecond()) + " claims/s", "", "all claimed exactly once");
        }
    }

    private void logs(Report report, QueueWorld large) {
        UUID builder = large.builders.get(0);
        JobInfo job = large.metadata.inTransaction(write -> write.jobRequest(builder)).orElseThrow();
        int perLineLines = Math.max(1000, logLines / 10);
        double batched = LogBench.batched(large.metadata, job.uuid(), logLines);
        double perLine = LogBench.perLine(large.metadata, job.uuid(), perLineLines);
        report.row("log lines/s, batches of 1000", Report.format(batched), Report.format(perLine)
                + " one insert per line", Report.format(batched / perLine) + "×", "≥ 100,000 lines/s");
    }

    private static String ms(double millis) {
        return String.format("%.2f ms", millis);
    }

}
