package rs.builds.database.bench.soak;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import rs.builds.database.IndexEntry;

/**
 * The registry the sync mirrors, as the sync service knows it: crates and their versions, each version's checksum
 * (the first one ever sent for it: a deliberately changed one is sent only to be refused), its yanked flag, and
 * whether a sync that listed it was seen committing. Changed by the sync's thread, read by the admin's and by the
 * checks; every method is synchronized.
 */
final class SoakRegistry {
    /** One version of a crate. */
    static final class Version {
        final String version;
        final String checksum;
        boolean yanked;
        boolean stored;

        Version(String version, String checksum) {
            this.version = version;
            this.checksum = checksum;
        }
    }

    /**
     * The rows of one partial sync.
     *
     * @param rows every version of the crates it lists, as their index files would
     * @param crates the crates it lists
     * @param changedChecksums how many rows carry a checksum other than the stored one, which the sync must refuse
     */
    record Partial(List<IndexEntry> rows, List<String> crates, int changedChecksums) {
    }

    private final Map<String, List<Version>> crates = new LinkedHashMap<>();
    private int nextCrate;

    /** A registry of {@code count} crates of one to six versions each. */
    SoakRegistry(int count, Random random) {
        for (int i = 0; i < count; i++) {
            addCrate(random);
        }
    }

    private String addCrate(Random random) {
        String name = String.format("soak-crate-%05d", nextCrate++);
        List<Version> versions = new ArrayList<>();
        crates.put(name, versions);
        int count = 1 + random.nextInt(6);
        for (int i = 0; i < count; i++) {
            versions.add(new Version("0." + i + ".0", checksum(name, "0." + i + ".0", "")));
        }
        return name;
    }

    /** @return every version of every crate, crate by crate: the whole index */
    synchronized List<IndexEntry> all() {
        List<IndexEntry> rows = new ArrayList<>();
        crates.forEach((name, versions) -> versions.forEach(v -> rows.add(new IndexEntry(name, v.version, v.checksum,
                v.yanked))));
        return rows;
    }

    /**
     * Changes the registry as a few minutes of crates.io would (new versions, yanks and unyanks, now and then a new
     * crate) and returns the rows a partial sync of the changed crates sends.
     *
     * @param changeChecksum whether one version already stored is sent with another checksum, which must be refused
     */
    synchronized Partial change(Random random, int crateCount, boolean changeChecksum) {
        List<String> names = new ArrayList<>(crates.keySet());
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < crateCount; i++) {
            String name = random.nextInt(10) == 0 ? addCrate(random) : names.get(random.nextInt(names.size()));
            if (!chosen.contains(name)) {
                chosen.add(name);
            }
        }
        for (String name : chosen) {
            List<Version> versions = crates.get(name);
            if (random.nextInt(2) == 0) {
                String version = "1." + versions.size() + ".0";
                versions.add(new Version(version, checksum(name, version, "")));
            }
            if (random.nextInt(3) == 0) {
                Version flipped = versions.get(random.nextInt(versions.size()));
                flipped.yanked = !flipped.yanked;
            }
        }
        Version changed = null;
        if (changeChecksum) {
            for (String name : chosen) {
                changed = crates.get(name).stream().filter(v -> v.stored).findAny().orElse(null);
                if (changed != null) {
                    break;
                }
            }
        }
        List<IndexEntry> rows = new ArrayList<>();
        for (String name : chosen) {
            for (Version v : crates.get(name)) {
                String sent = v == changed ? checksum(name, v.version, "changed") : v.checksum;
                rows.add(new IndexEntry(name, v.version, sent, v.yanked));
            }
        }
        return new Partial(rows, chosen, changed == null ? 0 : 1);
    }

    /** Records that a sync listing these crates (every version they had then) was seen committing. */
    synchronized void stored(List<String> names) {
        for (String name : names) {
            crates.get(name).forEach(v -> v.stored = true);
        }
    }

    /** Records that a complete sync was seen committing: every version is stored. */
    synchronized void allStored() {
        stored(new ArrayList<>(crates.keySet()));
    }

    /** @return the first checksum ever sent for the version, or null if the sync never sent that version */
    synchronized String firstChecksum(String crate, String version) {
        List<Version> versions = crates.get(crate);
        if (versions == null) {
            return null;
        }
        return versions.stream().filter(v -> v.version.equals(version)).map(v -> v.checksum).findFirst().orElse(null);
    }

    /** @return every version seen stored, as {crate, version} */
    synchronized List<String[]> storedVersions() {
        List<String[]> stored = new ArrayList<>();
        crates.forEach((name, versions) -> versions.stream().filter(v -> v.stored)
                .forEach(v -> stored.add(new String[] {name, v.version})));
        return stored;
    }

    /** @return a version seen stored, at random, as {crate, version}; or null if none is */
    synchronized String[] someStoredVersion(Random random) {
        List<String> names = new ArrayList<>(crates.keySet());
        for (int attempt = 0; attempt < 20 && !names.isEmpty(); attempt++) {
            String name = names.get(random.nextInt(names.size()));
            List<Version> versions = crates.get(name);
            Version v = versions.get(random.nextInt(versions.size()));
            if (v.stored) {
                return new String[] {name, v.version};
            }
        }
        return null;
    }

    /** @return a crate name, at random */
    synchronized String someCrate(Random random) {
        List<String> names = new ArrayList<>(crates.keySet());
        return names.get(random.nextInt(names.size()));
    }

    private static String checksum(String crate, String version, String salt) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((crate + "@" + version + salt)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
