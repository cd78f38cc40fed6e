package rs.builds.database.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import rs.builds.database.ChecksumConflict;
import rs.builds.database.ChecksumConflictException;
import rs.builds.database.ConflictException;
import rs.builds.database.CrateInfo;
import rs.builds.database.InvalidInputException;
import rs.builds.database.Names;
import rs.builds.database.NotFoundException;
import rs.builds.database.TransientConflictException;
import rs.builds.database.VersionInfo;

/**
 * Crate and crate version operations: input checks ({@link Names}), not-found and conflict rules, over the DAOs. Crates
 * are found by canonical name, as on crates.io; messages name them as the caller did, results as stored.
 */
final class CrateStore {
    /** Largest {@code crateList} limit. */
    static final int LIST_MAX = 10_000;
    /** Largest {@code crateList} offset: a limit added to it still fits the search function's integer. */
    static final int OFFSET_MAX = 1_000_000_000;

    private final CrateDao crates;
    private final CrateVersionDao versions;

    CrateStore(Handle handle) {
        this.crates = handle.attach(CrateDao.class);
        this.versions = handle.attach(CrateVersionDao.class);
    }

    /** By canonical name ({@link Names#canonicalCrateName}): {@code inflector} finds {@code Inflector}. */
    CrateInfo info(String name) {
        return crates.crateInfo(Names.crateName(name)).orElseThrow(() -> new NotFoundException("crate", name));
    }

    List<CrateInfo> list(String query, int limit, int offset) {
        Inputs.limit(limit, LIST_MAX);
        if (offset < 0 || offset > OFFSET_MAX) {
            throw new InvalidInputException("offset must be between 0 and " + OFFSET_MAX + " (got " + offset + ")");
        }
        if (isEmpty(query)) {
            return crates.crateListAll(limit, offset);
        }
        return crates.crateSearch(query, pattern(query), limit, offset);
    }

    long count(String query) {
        return isEmpty(query) ? crates.crateCount() : crates.crateSearchCount(query, pattern(query));
    }

    void each(String query, Consumer<CrateInfo> each) {
        try (Stream<CrateInfo> all = isEmpty(query) ? crates.crateStreamAll()
                : crates.crateSearchStream(query, pattern(query))) {
            all.forEach(each);
        }
    }

    private static boolean isEmpty(String query) {
        return query == null || query.isEmpty();
    }

    /** @return the ILIKE pattern of names containing the query (after checking it as a name) */
    private static String pattern(String query) {
        Inputs.name("crate search query", query);
        return "%" + query.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    List<VersionInfo> versions(String name) {
        return versions.crateVersions(id(name));
    }

    VersionInfo versionInfo(String name, String version) {
        Names.version(version);
        return versions.crateVersionInfo(id(name), version)
                .orElseThrow(() -> new NotFoundException("version of crate '" + name + "'", version));
    }

    /**
     * Adds a crate unless it exists; a name that is another crate's but for case and '-'/'_' is a conflict. The
     * insert comes first, so that two transactions adding the same crate at once both succeed (the second waits for
     * the first and skips it).
     */
    void add(String name) {
        Names.crateName(name);
        if (crates.crateAdd(name) == 0) {
            // not added: a crate of this canonical name exists, and is visible, as the insert waited for its writer
            CrateInfo existing = crates.crateInfo(name).orElseThrow(() -> new TransientConflictException("crate", name,
                    "crate " + Inputs.quote(name) + " was added by a concurrent transaction; run the transaction again",
                    null));
            if (!existing.name().equals(name)) {
                throw new ConflictException(ConflictException.Reason.EXISTS, "crate", name, "crate "
                        + Inputs.quote(name) + " is crate '" + existing.name() + "', which exists: crate names are"
                        + " unique ignoring case and '-'/'_', as on crates.io", null);
            }
        }
    }

    void versionAdd(String name, String version, String checksum, boolean yanked) {
        Names.version(version);
        Names.checksum(checksum);
        long crate = id(name);
        if (versions.crateVersionUpsert(crate, version, checksum, yanked) == 0) {
            String stored = versions.crateVersionChecksum(crate, version).orElseThrow();
            if (!stored.equals(checksum)) {
                throw new ChecksumConflictException(List.of(new ChecksumConflict(name, version, stored, checksum)), 1);
            }
        }
    }

    void setEnabled(String name, boolean enabled) {
        if (crates.crateSetEnabled(Names.crateName(name), enabled) == 0) {
            throw new NotFoundException("crate", name);
        }
    }

    void setPriority(String name, int priority) {
        if (crates.crateSetPriority(Names.crateName(name), priority) == 0) {
            throw new NotFoundException("crate", name);
        }
    }

    /** @return the id of an existing version */
    long versionId(String name, String version) {
        Names.version(version);
        return versions.crateVersionId(id(name), version)
                .orElseThrow(() -> new NotFoundException("version of crate '" + name + "'", version));
    }

    /** @return the id of an existing crate, by canonical name */
    private long id(String name) {
        return crates.crateId(Names.crateName(name)).orElseThrow(() -> new NotFoundException("crate", name));
    }
}
