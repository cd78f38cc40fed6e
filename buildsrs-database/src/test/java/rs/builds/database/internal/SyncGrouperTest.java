package rs.builds.database.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import rs.builds.database.IndexEntry;
import rs.builds.database.InvalidInputException;
import rs.builds.database.VersionKey;

/** The sync's grouping of its input, without a database: what each group is told, and what the grouper notes. */
class SyncGrouperTest {
    private static final String CHECKSUM = "ab".repeat(32);

    /** What a grouper told, as text, with the digest of each group ended. */
    static final class Recorder implements SyncGrouper.Groups {
        final List<String> events = new ArrayList<>();
        final List<byte[]> digests = new ArrayList<>();

        @Override
        public void start(String crate) {
            events.add("start " + crate);
        }

        @Override
        public void overflow(IndexEntry row) {
            events.add("overflow " + row.version());
        }

        @Override
        public void end(String crate, long rows, List<IndexEntry> held, byte[] digest) {
            events.add("end " + crate + " " + rows + " "
                    + (held == null ? "not held" : held.stream().map(IndexEntry::version).toList()));
            digests.add(digest);
        }
    }

    static IndexEntry row(String crate, String version) {
        return new IndexEntry(crate, version, CHECKSUM, false);
    }

    static Recorder group(List<IndexEntry> rows, SyncGrouper grouper, Recorder recorder) {
        rows.forEach(grouper::add);
        grouper.finish();
        return recorder;
    }

    @Test
    void consecutiveRowsOfACrateAreAGroupHandedOverSortedByVersionWithItsDigest() {
        Recorder recorder = new Recorder();
        SyncGrouper grouper = new SyncGrouper(recorder);
        group(List.of(row("a", "1.10.0"), row("a", "1.2.0"), row("b", "0.1.0")), grouper, recorder);
        assertEquals(List.of("start a", "start b", "end a 2 [1.10.0, 1.2.0]", "end b 1 [0.1.0]").stream().sorted()
                .toList(), recorder.events.stream().sorted().toList());
        assertEquals(List.of("start a", "end a 2 [1.10.0, 1.2.0]", "start b", "end b 1 [0.1.0]"), recorder.events);
        assertEquals(3, grouper.rows());
        assertEquals(2, grouper.groups());
        assertFalse(grouper.split());
        assertFalse(grouper.overflowed());
        assertNull(grouper.duplicate());
        recorder.digests.forEach(digest -> assertEquals(SyncDigester.BYTES, digest.length));
    }

    @Test
    void aGroupsDigestIsOfItsRowsInAnyOrderAndChangesWithAnyOfThem() {
        Recorder recorder = new Recorder();
        group(List.of(row("a", "1.0.0"), row("a", "2.0.0"), row("b", "1.0.0"),
                row("a", "2.0.0"), row("a", "1.0.0"), row("b", "1.0.0"),
                new IndexEntry("a", "1.0.0", CHECKSUM, true), row("a", "2.0.0"), row("b", "1.0.0"),
                row("a", "1.0.0"), row("a", "2.0.0"), row("a", "3.0.0")), new SyncGrouper(recorder), recorder);
        List<byte[]> digests = recorder.digests;
        assertArrayEquals(digests.get(0), digests.get(2), "the same rows in another order");
        assertFalse(Arrays.equals(digests.get(0), digests.get(4)), "a yanked flag changed");
        assertFalse(Arrays.equals(digests.get(0), digests.get(6)), "a version more");
        assertFalse(Arrays.equals(digests.get(1), digests.get(0)), "another crate");
        assertArrayEquals(digests.get(1), digests.get(3));
    }

    @Test
    void aCrateInTwoGroupsIsNoted() {
        Recorder recorder = new Recorder();
        SyncGrouper grouper = new SyncGrouper(recorder);
        group(List.of(row("a", "1.0.0"), row("b", "1.0.0"), row("a", "2.0.0")), grouper, recorder);
        assertEquals(3, grouper.groups());
        assertTrue(grouper.split());
    }

    @Test
    void theFirstVersionAGroupListsTwiceIsNotedAndTheGroupHasNoDigest() {
        Recorder recorder = new Recorder();
        SyncGrouper grouper = new SyncGrouper(recorder);
        group(List.of(row("a", "2.0.0"), row("a", "1.0.0"), row("a", "2.0.0"), row("b", "1.0.0"), row("b", "1.0.0")),
                grouper, recorder);
        assertEquals(new VersionKey("a", "2.0.0"), grouper.duplicate());
        assertNull(recorder.digests.get(0));
        assertNull(recorder.digests.get(1));
        assertEquals("end a 3 [1.0.0, 2.0.0, 2.0.0]", recorder.events.get(1), "still handed over, to be sent");
    }

    @Test
    void aGroupTooLargeToHoldIsHandedOnRowByRowInInputOrderWithoutADigest() {
        Recorder recorder = new Recorder();
        SyncGrouper grouper = new SyncGrouper(recorder);
        List<IndexEntry> rows = new ArrayList<>(IntStream.rangeClosed(1, SyncGrouper.GROUP_MAX + 2)
                .mapToObj(i -> row("big", (SyncGrouper.GROUP_MAX + 3 - i) + ".0.0")).toList());
        rows.add(row("small", "1.0.0"));
        group(rows, grouper, recorder);
        List<String> expected = new ArrayList<>(List.of("start big"));
        rows.subList(0, SyncGrouper.GROUP_MAX + 2).forEach(row -> expected.add("overflow " + row.version()));
        expected.addAll(List.of("end big " + (SyncGrouper.GROUP_MAX + 2) + " not held", "start small",
                "end small 1 [1.0.0]"));
        assertEquals(expected, recorder.events);
        assertNull(recorder.digests.get(0));
        assertNotNull(recorder.digests.get(1));
        assertTrue(grouper.overflowed());
        assertFalse(grouper.split());
    }

    @Test
    void aRowBreakingTheRulesIsRefusedWithItsPosition() {
        Recorder recorder = new Recorder();
        SyncGrouper grouper = new SyncGrouper(recorder);
        grouper.add(row("a", "1.0.0"));
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> grouper.add(row("a", "1.0")));
        assertTrue(refused.getMessage().startsWith("sync row 1 (crate 'a' version '1.0'): version '1.0'"),
                refused.getMessage());
        assertThrows(InvalidInputException.class, () -> grouper.add(null), "sync row 1 is null");
        assertEquals(List.of("start a"), recorder.events, "nothing handed over for a refused row");
    }
}
