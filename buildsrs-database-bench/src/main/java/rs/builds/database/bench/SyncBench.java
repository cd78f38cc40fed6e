package rs.builds.database.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.IndexEntry;
import rs.builds.database.Metadata;
import rs.builds.database.SyncOptions;
import rs.builds.database.SyncSummary;
import rs.builds.database.temp.TempDatabase;

/** Registry sync through the API against the original's per-row upserts and a raw COPY of the same rows. */
final class SyncBench {
    private SyncBench() {
    }

    static Metadata connect(TempDatabase database, int connections) {
        return Metadata.connect(ConnectionConfig.of(database.jdbcUrl())
                .withCredentials(database.user(), database.password()).withMaxConnections(connections));
    }

    /** @return seconds to sync the rows through the public API, and what it did */
    static Timed<SyncSummary> sync(Metadata metadata, Iterator<IndexEntry> rows) {
        long start = System.nanoTime();
        SyncSummary summary = metadata.inTransaction(write -> write.sync(rows, SyncOptions.completeIndex()));
        return new Timed<>((System.nanoTime() - start) / 1e9, summary);
    }

    /**
     * The original's way: one upsert per version (crate, then version), each its own transaction, with
     * {@code threads} in flight. @return rows per second over {@code sample} rows
     */
    static double perRowUpserts(Metadata metadata, Iterator<IndexEntry> rows, int sample, int threads) throws Exception {
        List<IndexEntry> batch = new ArrayList<>(sample);
        while (rows.hasNext() && batch.size() < sample) {
            batch.add(rows.next());
        }
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> runs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            runs.add(executor.submit(() -> {
                for (int i = first; i < batch.size(); i += threads) {
                    IndexEntry row = batch.get(i);
                    metadata.useTransaction(write -> {
                        write.crateAdd(row.crate());
                        write.crateVersionAdd(row.crate(), row.version(), row.checksum(), row.yanked());
                    });
                }
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        executor.shutdown();
        return batch.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** @return seconds to COPY the rows into a bare, unindexed, logged table: the physical limit */
    static double rawCopy(TempDatabase database, Iterator<IndexEntry> rows) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            BenchSql.execute(connection, "bareVersions");
            long start = System.nanoTime();
            var copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(BenchSql.load("bareVersionsCopy"));
            StringBuilder chunk = new StringBuilder(1 << 17);
            while (rows.hasNext()) {
                IndexEntry row = rows.next();
                chunk.append(row.crate()).append('\t').append(row.version()).append('\t').append(row.checksum())
                        .append('\t').append(row.yanked() ? 't' : 'f').append('\n');
                if (chunk.length() > 1 << 16) {
                    byte[] bytes = chunk.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    chunk.setLength(0);
                }
            }
            byte[] bytes = chunk.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** Every hundredth row yanked-flipped, and one new version for every hundredth row. */
    static Iterator<IndexEntry> changed(Iterator<IndexEntry> rows) {
        return new Iterator<>() {
            private long n;
            private IndexEntry extra;

            @Override
            public boolean hasNext() {
                return extra != null || rows.hasNext();
            }

            @Override
            public IndexEntry next() {
                if (extra != null) {
                    IndexEntry row = extra;
                    extra = null;
                    return row;
                }
                IndexEntry row = rows.next();
                n++;
                if (n % 100 == 0) {
                    row = new IndexEntry(row.crate(), row.version(), row.checksum(), !row.yanked());
                }
                if (n % 100 == 50) {
                    extra = new IndexEntry(row.crate(), row.version() + "-new", row.checksum(), false);
                }
                return row;
            }
        };
    }

    /**
     * The rows of some crates of an index, in rounds: each round lists {@code size} crates for a partial sync (every
     * version of each, plus one new version) and {@code size} other crates for the per-row path (one new version of
     * each). No crate is in two rounds, so each round's crates are as the index left them.
     *
     * @param sync per round, the partial sync's input
     * @param perRow per round, the new versions for {@code crateVersionAdd}
     */
    record PartialRounds(List<List<IndexEntry>> sync, List<List<IndexEntry>> perRow) {
        /**
         * @param index the index the database holds
         * @param crates its crates
         * @param size crates per round
         * @param rounds rounds of each kind
         * @param phase which of {@code phases} disjoint sets of crates to choose from (crates {@code n} with
         *        {@code n % phases == phase}), so that several sets of rounds never share a crate
         * @param phases how many such sets there are
         */
        static PartialRounds of(IndexGenerator index, int crates, int size, int rounds, int phase, int phases) {
            int chosen = 2 * size * rounds;
            int step = crates / phases / chosen;
            if (step == 0) {
                throw new IllegalArgumentException(chosen * phases + " crates needed for the partial rounds, the"
                        + " index has " + crates);
            }
            List<List<IndexEntry>> sync = new ArrayList<>();
            List<List<IndexEntry>> perRow = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                sync.add(new ArrayList<>());
                perRow.add(new ArrayList<>());
            }
            int crate = -1;
            String name = null;
            int choice = -1; // the current crate's place among the chosen ones, or -1
            Iterator<IndexEntry> rows = index.rows();
            while (rows.hasNext()) {
                IndexEntry row = rows.next();
                if (!row.crate().equals(name)) {
                    name = row.crate();
                    crate++;
                    // spread over the whole index, so every length of crate name comes up
                    int candidate = crate / phases;
                    choice = crate % phases == phase && candidate % step == 0 && candidate / step < chosen
                            ? candidate / step : -1;
                    if (choice >= 0) {
                        // rounds take consecutive choices, alternately for the sync and the per-row path
                        IndexEntry fresh = new IndexEntry(row.crate(), "99.0.0-new", row.checksum(), false);
                        (choice % 2 == 0 ? sync : perRow).get(choice / (2 * size)).add(fresh);
                    }
                }
                if (choice >= 0 && choice % 2 == 0) {
                    sync.get(choice / (2 * size)).add(row);
                }
            }
            return new PartialRounds(sync, perRow);
        }
    }

    /**
     * Alternates the partial syncs and the per-row transactions of the rounds.
     *
     * @return the nanoseconds of each partial sync and of each per-row transaction, by round
     */
    static long[][] partialVersusPerRow(Metadata metadata, PartialRounds rounds) {
        int n = rounds.sync().size();
        long[] sync = new long[n];
        long[] perRow = new long[n];
        for (int r = 0; r < n; r++) {
            List<IndexEntry> input = rounds.sync().get(r);
            long start = System.nanoTime();
            metadata.inTransaction(write -> write.sync(input.iterator(), SyncOptions.partial()));
            sync[r] = System.nanoTime() - start;
            List<IndexEntry> added = rounds.perRow().get(r);
            start = System.nanoTime();
            metadata.useTransaction(write -> {
                for (IndexEntry row : added) {
                    write.crateVersionAdd(row.crate(), row.version(), row.checksum(), row.yanked());
                }
            });
            perRow[r] = System.nanoTime() - start;
        }
        return new long[][] {sync, perRow};
    }

    /** A value with the seconds it took. */
    record Timed<T>(double seconds, T value) {
    }

}
