package rs.builds.database.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import rs.builds.database.Metadata;
import rs.builds.database.ReadHandle;
import rs.builds.database.temp.TempDatabase;

/** crateList latency over a synced index: with the trigram index, and without it. */
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

    static void dropTrigramIndex(TempDatabase database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            BenchSql.execute(connection, "dropTrigramIndex");
        }
    }
}
