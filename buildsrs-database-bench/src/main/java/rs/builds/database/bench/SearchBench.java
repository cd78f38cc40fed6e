package rs.builds.database.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import rs.builds.database.Metadata;
import rs.builds.database.ReadHandle;
import rs.builds.database.temp.TempDatabase;

/**
 * crateList latency over a synced index: with the trigram index, and without it; and the search before V6 (every
 * match of similarity 0.3 in one query) for comparison.
 */
final class SearchBench {
    private SearchBench() {
    }

    /** Queries as people type them: exact names, prefixes, and names with two letters swapped. */
    static List<String> queries(int crates, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> queries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = IndexGenerator.name(random.nextInt(crates));
            switch (i % 3) {
                case 0 -> queries.add(name);
                case 1 -> queries.add(name.substring(0, Math.min(4, name.length())));
                default -> {
                    if (name.length() < 4) {
                        queries.add(name);
                    } else {
                        char[] chars = name.toCharArray();
                        char c = chars[1];
                        chars[1] = chars[2];
                        chars[2] = c;
                        queries.add(new String(chars));
                    }
                }
            }
        }
        return queries;
    }

    /** @return nanoseconds per query */
    static long[] run(Metadata metadata, List<String> queries) {
        long[] nanos = new long[queries.size()];
        try (ReadHandle read = metadata.read()) {
            for (int i = 0; i < queries.size(); i++) {
                long start = System.nanoTime();
                read.crateList(queries.get(i));
                nanos[i] = System.nanoTime() - start;
            }
        }
        return nanos;
    }

    /** @return the times of every third query from {@code first} on (see {@link #queries}: 2 is misspellings) */
    static long[] kind(long[] nanos, int first) {
        long[] kind = new long[(nanos.length - first + 2) / 3];
        for (int i = first, k = 0; i < nanos.length; i += 3, k++) {
            kind[k] = nanos[i];
        }
        return kind;
    }

    /** @return nanoseconds per query of the search before V6, as one prepared statement */
    static long[] runEverySimilar(TempDatabase database, List<String> queries) throws SQLException {
        long[] nanos = new long[queries.size()];
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(BenchSql.load("searchEverySimilar"))) {
            for (int i = 0; i < queries.size(); i++) {
                long start = System.nanoTime();
                for (int p = 1; p <= 4; p++) {
                    statement.setString(p, queries.get(i));
                }
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        rows.getString(1);
                    }
                }
                nanos[i] = System.nanoTime() - start;
            }
        }
        return nanos;
    }

    static void dropTrigramIndex(TempDatabase database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            BenchSql.execute(connection, "dropTrigramIndex");
        }
    }
}
