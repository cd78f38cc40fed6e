package rs.builds.database.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import rs.builds.database.IndexEntry;

/**
 * A deterministic, crates.io-shaped index: long-tailed versions per crate (mean about 8, at most 400), 64-hex
 * checksums, about 3% yanked, crate names of every length the index lays out differently. Same seed and size,
 * same rows, as an iterator (nothing held in memory) or as an index directory ({@code 1/}, {@code 2/},
 * {@code 3/a/}, {@code ab/cd/}).
 */
final class IndexGenerator {
    private static final String CONSONANTS = "bcdfghjklmnprstvwxz";
    private static final String VOWELS = "aeiouy";
    private static final String[] SUFFIXES = {"", "", "", "", "-rs", "_derive", "-sys", "-cli", "_macros", "-core"};

    private final int crates;
    private final long seed;

    IndexGenerator(int crates, long seed) {
        this.crates = crates;
        this.seed = seed;
    }

    /** @return the crate name of number {@code n}; short names for the first ones, as in the real index */
    static String name(int n) {
        if (n < 26) {
            return String.valueOf((char) ('a' + n));
        }
        if (n < 26 + 26 * 26) {
            int m = n - 26;
            return "" + (char) ('a' + m / 26) + (char) ('a' + m % 26);
        }
        // pronounceable, varied names like real ones: two to four syllables, sometimes a word break and a suffix;
        // the number keeps them unique without dominating their trigrams
        SplittableRandom random = new SplittableRandom(n);
        StringBuilder name = new StringBuilder();
        int syllables = 2 + random.nextInt(3);
        for (int i = 0; i < syllables; i++) {
            if (i > 0 && random.nextInt(5) == 0) {
                name.append(random.nextBoolean() ? '-' : '_');
            }
            name.append(CONSONANTS.charAt(random.nextInt(CONSONANTS.length())))
                    .append(VOWELS.charAt(random.nextInt(VOWELS.length())));
            if (random.nextInt(3) == 0) {
                name.append(CONSONANTS.charAt(random.nextInt(CONSONANTS.length())));
            }
        }
        return name.append(SUFFIXES[random.nextInt(SUFFIXES.length)]).append(Integer.toString(n, 36)).toString();
    }

    /** Versions of crate {@code n}: a Pareto tail, mean about 8. */
    int versions(int n) {
        SplittableRandom random = new SplittableRandom(seed * 31 + n);
        double u = 1 - random.nextDouble();
        return (int) Math.min(400, Math.max(1, Math.ceil(3.0 * Math.pow(u, -1 / 1.4) - 2.2)));
    }

    /** @return every row, crate by crate, generated as it is read */
    Iterator<IndexEntry> rows() {
        return new Iterator<>() {
            private int crate;
            private int version;
            private int count = versions(0);
            private final SplittableRandom random = new SplittableRandom(seed);

            @Override
            public boolean hasNext() {
                while (crate < crates && version >= count) {
                    crate++;
                    version = 0;
                    count = crate < crates ? versions(crate) : 0;
                }
                return crate < crates;
            }

            @Override
            public IndexEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int v = version++;
                String checksum = String.format(Locale.ROOT, "%016x%016x%016x%016x", random.nextLong(),
                        random.nextLong(), random.nextLong(), random.nextLong());
                return new IndexEntry(name(crate), "0." + (v / 10) + "." + (v % 10), checksum,
                        random.nextInt(100) < 3);
            }
        };
    }

    /** @return the index file path of a crate, as crates.io lays them out */
    static Path file(Path root, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return switch (lower.length()) {
            case 1 -> root.resolve("1").resolve(lower);
            case 2 -> root.resolve("2").resolve(lower);
            case 3 -> root.resolve("3").resolve(lower.substring(0, 1)).resolve(lower);
            default -> root.resolve(lower.substring(0, 2)).resolve(lower.substring(2, 4)).resolve(lower);
        };
    }

    /** Writes the rows as an index directory: one file per crate, one JSON line per version. */
    long writeIndex(Path root) throws IOException {
        Files.createDirectories(root);
        Files.writeString(root.resolve("config.json"), "{\"dl\":\"https://static.crates.io/crates\"}\n");
        long lines = 0;
        BufferedWriter out = null;
        String current = null;
        try {
            for (Iterator<IndexEntry> rows = rows(); rows.hasNext(); lines++) {
                IndexEntry row = rows.next();
                if (!row.crate().equals(current)) {
                    if (out != null) {
                        out.close();
                    }
                    current = row.crate();
                    Path file = file(root, current);
                    Files.createDirectories(file.getParent());
                    out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                }
                out.write("{\"name\":\"" + row.crate() + "\",\"vers\":\"" + row.version()
                        + "\",\"deps\":[{\"name\":\"serde\",\"req\":\"^1\",\"features\":[],\"optional\":false}],\"cksum\":\""
                        + row.checksum() + "\",\"features\":{\"default\":[]},\"yanked\":" + row.yanked() + "}\n");
            }
        } finally {
            if (out != null) {
                out.close();
            }
        }
        return lines;
    }
}
