package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static rs.builds.database.SyncDigestTest.LARGER_THAN_A_GROUP;
import static rs.builds.database.SyncDigestTest.execute;
import static rs.builds.database.SyncTest.index;
import static rs.builds.database.SyncTest.sum;
import static rs.builds.database.SyncTest.sync;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import rs.builds.database.temp.TempDatabase;

/**
 * The digests change how much a sync sends, never what it does: each scenario syncs a base index, then an input,
 * once with the digests the base sync stored and once after deleting them, and both runs must give the same summary
 * (or the same error) and leave the same versions. Then the digests each run stored are checked: a further sync of
 * the same input trusting them must say what one comparing every row says.
 */
class SyncDigestSameSummaryTest {
    record Scenario(String name, List<IndexEntry> base, List<IndexEntry> input, SyncOptions options) {
        @Override
        public String toString() {
            return name + " (" + (options.complete() ? "complete" : "partial")
                    + (options.skipChangedChecksums() ? ", lenient" : "") + ")";
        }
    }

    /** What a run did: the sync's summary or error, the versions after it, and what the stored digests did. */
    record Outcome(Object result, Map<String, String> versions, Object trusted, Object compared) {
    }

    static List<IndexEntry> with(List<IndexEntry> rows, IndexEntry... more) {
        List<IndexEntry> all = new ArrayList<>(rows);
        all.addAll(List.of(more));
        return all;
    }

    static Stream<Scenario> scenarios() {
        List<Scenario> scenarios = new ArrayList<>();
        List<IndexEntry> three = index(3, 3);
        scenarios.add(new Scenario("no change", index(3, 4), index(3, 4), SyncOptions.completeIndex()));
        List<IndexEntry> flipped = new ArrayList<>(index(2, 3));
        flipped.set(0, new IndexEntry("c0", "1.0.0", sum(0), true));
        List<IndexEntry> changes = new ArrayList<>(index(2, 3));
        changes.set(4, new IndexEntry("c1", "1.0.1", sum(1001), true));
        changes.add(new IndexEntry("c1", "2.0.0", sum(1999), false));
        changes.add(new IndexEntry("new-crate", "0.1.0", sum(5), false));
        scenarios.add(new Scenario("yanks, unyanks, new version, new crate", flipped, changes,
                SyncOptions.completeIndex()));
        List<IndexEntry> gone = new ArrayList<>(index(2, 3));
        gone.remove(1);
        for (SyncOptions options : List.of(SyncOptions.completeIndex(), SyncOptions.partial())) {
            scenarios.add(new Scenario("missing crate and version", three, gone, options));
            scenarios.add(new Scenario("one crate of several", three, three.subList(3, 6), options));
        }
        List<IndexEntry> checksum = new ArrayList<>(index(2, 2));
        checksum.set(1, new IndexEntry("c0", "1.0.1", sum(77), true));
        checksum.add(new IndexEntry("c9", "1.0.0", sum(9), false));
        scenarios.add(new Scenario("changed checksum", index(2, 2), checksum, SyncOptions.completeIndex()));
        scenarios.add(new Scenario("changed checksum", index(2, 2), checksum, SyncOptions.completeIndex().lenient()));
        scenarios.add(new Scenario("a crate split, a new version in its second group", three,
                with(three, new IndexEntry("c0", "2.0.0", sum(8), true)), SyncOptions.completeIndex()));
        List<IndexEntry> apart = new ArrayList<>(three);
        apart.add(apart.remove(0));
        scenarios.add(new Scenario("a crate split, nothing new", three, apart, SyncOptions.completeIndex()));
        scenarios.add(new Scenario("a crate split, a version in both groups", three,
                with(three, new IndexEntry("c0", "1.0.1", sum(1), false)), SyncOptions.partial()));
        scenarios.add(new Scenario("a crate listed twice", three, with(three, index(1, 3).toArray(IndexEntry[]::new)),
                SyncOptions.completeIndex()));
        List<IndexEntry> hidden = new ArrayList<>(three);
        hidden.set(2, hidden.get(1));
        scenarios.add(new Scenario("a version twice where one is missing", three, hidden,
                SyncOptions.completeIndex()));
        List<IndexEntry> big = new ArrayList<>(index(1, 2));
        IntStream.range(0, LARGER_THAN_A_GROUP).forEach(v -> big.add(new IndexEntry("big", "0.0." + v, sum(v), false)));
        List<IndexEntry> bigChanged = new ArrayList<>(big);
        bigChanged.set(7, new IndexEntry("big", "0.0.5", sum(5), true));
        bigChanged.remove(9);
        scenarios.add(new Scenario("a group larger than the buffer", big, bigChanged, SyncOptions.completeIndex()));
        // the rules' widest: upper case, '-' and '_', pre-release and build metadata
        List<IndexEntry> awkward = List.of(new IndexEntry("Tab-Here_", "1.0.0+back-slash.5", sum(1), false),
                new IndexEntry("line_break-", "0.0.0--a-.0", sum(2), true), new IndexEntry("U-n-i_9", "1.0.0", sum(3), false));
        scenarios.add(new Scenario("awkward names", awkward, with(awkward.subList(1, 3),
                new IndexEntry("U-n-i_9", "2.0.0-alpha.01", sum(4), true)), SyncOptions.completeIndex()));
        for (long seed = 1; seed <= 16; seed++) {
            scenarios.add(random(seed));
        }
        return scenarios.stream();
    }

    /** A random base and a random input made from it: crates and versions dropped, added, flipped, moved, doubled. */
    static Scenario random(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<IndexEntry> base = new ArrayList<>();
        List<IndexEntry> input = new ArrayList<>();
        int crates = 1 + random.nextInt(12);
        for (int c = 0; c < crates; c++) {
            String crate = c == 3 ? "Uni-" + seed : "r" + c;
            int versions = 1 + random.nextInt(6);
            for (int v = 0; v < versions; v++) {
                IndexEntry row = new IndexEntry(crate, "0.0." + v, sum((int) seed * 10_000 + c * 100 + v),
                        random.nextInt(5) == 0);
                base.add(row);
                if (random.nextInt(12) == 0) {
                    continue; // dropped
                }
                if (random.nextInt(7) == 0) {
                    row = new IndexEntry(crate, row.version(), row.checksum(), !row.yanked());
                }
                if (random.nextInt(25) == 0) {
                    row = new IndexEntry(crate, row.version(), sum(random.nextInt(1_000_000)), row.yanked());
                }
                input.add(row);
            }
            if (random.nextInt(5) == 0) {
                input.add(new IndexEntry(crate, "9.0." + c, sum(random.nextInt(1_000_000)), random.nextBoolean()));
            }
            if (random.nextInt(10) == 0) {
                input.removeIf(row -> row.crate().equals(crate)); // the whole crate dropped
            }
        }
        if (random.nextInt(4) == 0) {
            input.add(new IndexEntry("fresh-" + seed, "1.0.0", sum(42), false));
        }
        for (int moves = random.nextInt(3); moves > 0 && !input.isEmpty(); moves--) {
            input.add(input.remove(random.nextInt(input.size()))); // its crate now comes in two groups
        }
        if (random.nextInt(6) == 0 && !input.isEmpty()) {
            int i = random.nextInt(input.size());
            input.add(random.nextBoolean() ? i : input.size(), input.get(i)); // listed twice
        }
        SyncOptions options = new SyncOptions(random.nextBoolean(), random.nextBoolean());
        return new Scenario("random " + seed, base, input, options);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void sameSummaryAndVersionsWithAndWithoutDigests(Scenario scenario) throws Exception {
        Outcome withDigests = run(scenario, true);
        Outcome without = run(scenario, false);
        assertEquals(without, withDigests);
        assertEquals(withDigests.compared(), withDigests.trusted(), "a sync trusting the digests stored");
    }

    private static Outcome run(Scenario scenario, boolean keepDigests) throws Exception {
        try (TempDatabase database = TempDatabase.create(); Metadata metadata = MetadataExtension.connect(database, 2)) {
            sync(metadata, scenario.base(), SyncOptions.completeIndex());
            if (!keepDigests) {
                execute(database, "DELETE FROM crate_sync_digests");
            }
            Object result = attempt(metadata, scenario);
            Map<String, String> versions = versions(database);
            Object trusted = null;
            Object compared = null;
            if (result instanceof SyncSummary) {
                try (WriteHandle write = metadata.write()) {
                    trusted = attemptIn(write, scenario); // rolled back
                }
                execute(database, "DELETE FROM crate_sync_digests");
                compared = attempt(metadata, scenario);
            }
            return new Outcome(result, versions, trusted, compared);
        }
    }

    private static Object attempt(Metadata metadata, Scenario scenario) {
        try (WriteHandle write = metadata.write()) {
            Object result = attemptIn(write, scenario);
            if (result instanceof SyncSummary) {
                write.commit();
            }
            return result;
        }
    }

    /** @return the summary, or the error's class, message and conflicts */
    private static Object attemptIn(WriteHandle write, Scenario scenario) {
        try {
            return write.sync(scenario.input().iterator(), scenario.options());
        } catch (ChecksumConflictException e) {
            return List.of(e.getClass().getSimpleName(), e.getMessage(), e.conflicts(), e.count());
        } catch (InvalidInputException e) {
            return List.of(e.getClass().getSimpleName(), e.getMessage());
        }
    }

    /** Every crate, and every version with its checksum and yanked flag. */
    private static Map<String, String> versions(TempDatabase database) throws Exception {
        Map<String, String> versions = new TreeMap<>();
        try (Connection connection = database.dataSource().getConnection();
             var rows = connection.createStatement().executeQuery("SELECT c.name, v.version, v.checksum, v.yanked"
                     + " FROM crates c LEFT JOIN crate_versions v ON v.crate = c.id")) {
            while (rows.next()) {
                versions.put(rows.getString(1) + " " + rows.getString(2), rows.getString(3) + " " + rows.getString(4));
            }
        }
        return versions;
    }

}
