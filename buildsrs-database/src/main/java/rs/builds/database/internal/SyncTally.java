package rs.builds.database.internal;

import java.util.ArrayList;
import java.util.List;
import rs.builds.database.ChecksumConflict;
import rs.builds.database.ChecksumConflictException;
import rs.builds.database.DatabaseException;
import rs.builds.database.SyncOptions;
import rs.builds.database.SyncSummary;
import rs.builds.database.VersionKey;

/**
 * What a sync counted as it went, and the arithmetic that makes its {@link SyncSummary}: the unchanged rows, the
 * checksum conflicts (refused, or counted by a lenient sync), the missing crates and whether any version can be
 * missing. No database: {@link SyncStore} runs the statements and hands their counts here.
 */
final class SyncTally {
    private final SyncOptions options;
    private final long rows;
    private long differing;
    private long cratesAdded;
    private long versionsAdded;
    private long yanked;
    private long unyanked;
    private final List<ChecksumConflict> conflicts = new ArrayList<>();
    private long conflictCount;
    private long missingCrates;
    private List<String> missingCrateExamples = List.of();
    private long missingVersions;
    private List<VersionKey> missingVersionExamples = List.of();

    /**
     * @param options the sync's options
     * @param rows the input's rows
     */
    SyncTally(SyncOptions options, long rows) {
        this.options = options;
        this.rows = rows;
    }

    /** @param count input rows that differ from what is stored: new versions, or changed checksums or flags */
    void differing(long count) {
        differing = count;
    }

    /** Counts an input row whose checksum differs from the stored one, keeping the first as examples. */
    void conflict(ChecksumConflict conflict) {
        conflictCount++;
        if (conflicts.size() < SyncSummary.EXAMPLES) {
            conflicts.add(conflict);
        }
    }

    /**
     * Refuses the input if it changes a checksum, unless the sync skips those.
     *
     * @throws ChecksumConflictException if a checksum changed in a strict sync
     */
    void refuseConflicts() {
        if (conflictCount > 0 && !options.skipChangedChecksums()) {
            throw new ChecksumConflictException(conflicts, conflictCount);
        }
    }

    /**
     * @param crates crates added
     * @param versions versions added
     */
    void added(long crates, long versions) {
        cratesAdded = crates;
        versionsAdded = versions;
    }

    /**
     * @param newlyYanked versions newly yanked
     * @param newlyUnyanked versions no longer yanked
     */
    void yanks(long newlyYanked, long newlyUnyanked) {
        yanked = newlyYanked;
        unyanked = newlyUnyanked;
    }

    /**
     * Counts the crates a complete input lacks.
     *
     * @param stored crates stored
     * @param listed crates the input lists
     * @return whether some are missing (then the examples are wanted)
     */
    boolean cratesMissing(long stored, long listed) {
        missingCrates = stored - listed;
        return missingCrates > 0;
    }

    /** @param examples the first crates the input lacks */
    void missingCrateExamples(List<String> examples) {
        missingCrateExamples = examples;
    }

    /** @return crates the input lacks, as counted */
    long missingCrates() {
        return missingCrates;
    }

    /**
     * Tells, from the number of stored versions of the crates the input lists (taken after the versions were added),
     * whether some are missing from the input. Each input row matched a different stored version or was added (a
     * version listed twice was refused before), so the rows matched can be no more than the versions stored before.
     *
     * @param stored versions now stored of the crates the input lists (all stored versions, if it lists every crate)
     * @return whether the input lacks some of them (then they are to be counted)
     * @throws DatabaseException if the input matched more versions than were stored: a duplicate went undetected
     */
    boolean versionsMissing(long stored) {
        long covered = stored - versionsAdded;
        long matched = rows - versionsAdded;
        if (matched > covered) {
            throw new DatabaseException("sync: " + matched + " input rows matched the " + covered + " stored"
                    + " versions of their crates; a duplicate went undetected", null);
        }
        return covered > matched;
    }

    /**
     * @param count versions the input lacks, of the crates it lists
     * @param examples the first of those
     */
    void missingVersions(long count, List<VersionKey> examples) {
        missingVersions = count;
        missingVersionExamples = examples;
    }

    /** @return the summary: rejected rows only in a lenient sync (a strict one refused them) */
    SyncSummary summary() {
        return new SyncSummary(rows, cratesAdded, versionsAdded, yanked, unyanked, rows - differing,
                options.skipChangedChecksums() ? conflictCount : 0, conflicts, missingCrates, missingCrateExamples,
                missingVersions, missingVersionExamples);
    }
}
