package rs.builds.database.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import rs.builds.database.ChecksumConflict;
import rs.builds.database.ChecksumConflictException;
import rs.builds.database.DatabaseException;
import rs.builds.database.SyncOptions;
import rs.builds.database.SyncSummary;
import rs.builds.database.VersionKey;

/** The arithmetic of a sync's summary, without a database. */
class SyncTallyTest {
    static ChecksumConflict conflict(int i) {
        return new ChecksumConflict("c" + i, "1.0.0", "a".repeat(64), "b".repeat(64));
    }

    @Test
    void aSyncThatChangedNothingCountsEveryRowUnchanged() {
        assertEquals(new SyncSummary(7, 0, 0, 0, 0, 7, 0, List.of(), 0, List.of(), 0, List.of()),
                new SyncTally(SyncOptions.completeIndex(), 7).summary());
    }

    @Test
    void theSummaryHoldsWhatWasCounted() {
        SyncTally tally = new SyncTally(SyncOptions.completeIndex(), 10);
        tally.differing(6);
        tally.added(1, 3);
        tally.yanks(2, 1);
        assertTrue(tally.cratesMissing(5, 3));
        tally.missingCrateExamples(List.of("x", "y"));
        tally.missingVersions(4, List.of(new VersionKey("z", "1.0.0")));
        assertEquals(new SyncSummary(10, 1, 3, 2, 1, 4, 0, List.of(), 2, List.of("x", "y"), 4,
                List.of(new VersionKey("z", "1.0.0"))), tally.summary());
        assertEquals(2, tally.missingCrates());
        assertFalse(new SyncTally(SyncOptions.completeIndex(), 1).cratesMissing(3, 3));
    }

    @Test
    void aStrictSyncRefusesAChangedChecksumWithTheCountAndTheFirst() {
        SyncTally tally = new SyncTally(SyncOptions.partial(), 3);
        assertDoesNotThrow(tally::refuseConflicts);
        tally.conflict(conflict(1));
        tally.conflict(conflict(2));
        ChecksumConflictException refused = assertThrows(ChecksumConflictException.class, tally::refuseConflicts);
        assertTrue(refused.getMessage().startsWith("2 versions changed their checksum, the first crate 'c1' version"
                + " '1.0.0': stored " + conflict(1).stored()), refused.getMessage());
        assertTrue(refused.getMessage().contains("(and 1 more)"), refused.getMessage());
    }

    @Test
    void aLenientSyncCountsEveryChangedChecksumAndKeepsTheFirstAsExamples() {
        SyncTally tally = new SyncTally(SyncOptions.partial().lenient(), 500);
        IntStream.range(0, SyncSummary.EXAMPLES + 5).forEach(i -> tally.conflict(conflict(i)));
        assertDoesNotThrow(tally::refuseConflicts);
        SyncSummary summary = tally.summary();
        assertEquals(SyncSummary.EXAMPLES + 5, summary.rejected());
        assertEquals(IntStream.range(0, SyncSummary.EXAMPLES).mapToObj(SyncTallyTest::conflict).toList(),
                summary.rejectedExamples());
    }

    @Test
    void versionsAreMissingWhenTheInputsCratesHoldMoreThanItMatched() {
        SyncTally tally = new SyncTally(SyncOptions.partial(), 10);
        tally.added(0, 4); // so 6 rows matched stored versions
        assertFalse(tally.versionsMissing(10), "6 stored before, 6 matched");
        assertTrue(tally.versionsMissing(11), "7 stored before, 6 matched");
        DatabaseException impossible = assertThrows(DatabaseException.class, () -> tally.versionsMissing(9));
        assertEquals("sync: 6 input rows matched the 5 stored versions of their crates; a duplicate went undetected",
                impossible.getMessage());
    }
}
