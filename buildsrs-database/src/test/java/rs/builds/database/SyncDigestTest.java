package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rs.builds.database.SyncTest.index;
import static rs.builds.database.SyncTest.sum;
import static rs.builds.database.SyncTest.sync;
import static rs.builds.database.SyncTest.versionXmins;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rs.builds.database.temp.TempDatabase;

/**
 * The sync's fast path: a crate whose input rows have the digest stored by an earlier sync sends no rows
 * (V5__sync_digests.sql, SyncStore, SyncGrouper). What it must never change is what a sync does:
 * {@link SyncDigestSameSummaryTest} compares whole summaries with and without digests; these tests go after the edges.
 */
@ExtendWith(MetadataExtension.class)
class SyncDigestTest {
    /** Rows of one crate that does not fit the group buffer of the sync client (SyncGrouper.GROUP_MAX is 10,000). */
    static final int LARGER_THAN_A_GROUP = 10_001;

    static void execute(TempDatabase database, String sql) {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (Exception e) {
            throw new AssertionError(sql, e);
        }
    }

    /**
     * Each stored digest (hex) with the transaction that wrote it, by crate name. Empty ones (left by writers at
     * REPEATABLE READ or SERIALIZABLE, see V5__sync_digests.sql) match nothing, and are left out.
     */
    static Map<String, String> digests(TempDatabase database) {
        Map<String, String> digests = new TreeMap<>();
        try (Connection connection = database.dataSource().getConnection();
             var rows = connection.createStatement().executeQuery("SELECT c.name, encode(d.digest, 'hex') || ' '"
                     + " || d.xmin::text FROM crate_sync_digests d JOIN crates c ON c.id = d.crate"
                     + " WHERE octet_length(d.digest) > 0")) {
            while (rows.next()) {
                digests.put(rows.getString(1), rows.getString(2));
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return digests;
    }

    /** Changes a stored version behind the sync's back: with the trigger that deletes digests disabled. */
    static void tamper(TempDatabase database, String sql) {
        execute(database, "BEGIN; ALTER TABLE crate_versions DISABLE TRIGGER crate_versions_sync_invalidate_update; "
                + sql + "; ALTER TABLE crate_versions ENABLE TRIGGER crate_versions_sync_invalidate_update; COMMIT");
    }

    static SyncSummary unchanged(long rows) {
        return new SyncSummary(rows, 0, 0, 0, 0, rows, 0, List.of(), 0, List.of(), 0, List.of());
    }

    @Test
    void aResyncWithoutChangesSkipsEveryCrateAndRewritesNothing(Metadata metadata, TempDatabase database)
            throws Exception {
        sync(metadata, index(3, 4), SyncOptions.completeIndex());
        Map<String, String> digests = digests(database);
        assertEquals(Set.of("c0", "c1", "c2"), digests.keySet(), "the first sync stores a digest for every crate");
        Map<String, String> xmins = versionXmins(database);
        assertEquals(unchanged(12), sync(metadata, index(3, 4), SyncOptions.completeIndex()));
        assertEquals(xmins, versionXmins(database), "no version rewritten");
        assertEquals(digests, digests(database), "no digest rewritten");

        // The proof that no row of a skipped crate is compared: yank one behind the sync's back (no trigger deletes
        // the digest). The stored digest still matches the input, so the sync trusts it and leaves the flag.
        tamper(database, "UPDATE crate_versions SET yanked = true WHERE version = '1.0.2'"
                + " AND crate = (SELECT id FROM crates WHERE name = 'c1')");
        assertEquals(unchanged(12), sync(metadata, index(3, 4), SyncOptions.completeIndex()));
        try (ReadHandle read = metadata.read()) {
            assertTrue(read.crateVersionInfo("c1", "1.0.2").yanked(), "the digest was trusted: c1 was skipped");
        }
        // without digests every row is compared again, and the flag is put back
        execute(database, "DELETE FROM crate_sync_digests");
        SyncSummary full = sync(metadata, index(3, 4), SyncOptions.completeIndex());
        assertEquals(new SyncSummary(12, 0, 0, 0, 1, 11, 0, List.of(), 0, List.of(), 0, List.of()), full);
        try (ReadHandle read = metadata.read()) {
            assertFalse(read.crateVersionInfo("c1", "1.0.2").yanked());
        }
        assertEquals(Set.of("c0", "c1", "c2"), digests(database).keySet(), "the full sync stored them again");
    }

    @Test
    void changesToACrateWithADigestAreAppliedAndItsDigestReplaced(Metadata metadata, TempDatabase database)
            throws Exception {
        sync(metadata, index(3, 3), SyncOptions.completeIndex());
        Map<String, String> before = digests(database);
        Map<String, String> xmins = versionXmins(database);
        List<IndexEntry> next = new ArrayList<>(index(3, 3));
        next.add(3, new IndexEntry("c0", "2.0.0", sum(99), false)); // a new version of c0, with its other rows
        next.set(5, new IndexEntry("c1", "1.0.1", sum(1001), true)); // c1 1.0.1 yanked
        SyncSummary summary = sync(metadata, next, SyncOptions.completeIndex());
        assertEquals(new SyncSummary(10, 0, 1, 1, 0, 8, 0, List.of(), 0, List.of(), 0, List.of()), summary);
        Map<String, String> after = digests(database);
        assertEquals(before.get("c2"), after.get("c2"), "the unchanged crate's digest is not rewritten");
        assertNotEquals(before.get("c0"), after.get("c0"));
        assertNotEquals(before.get("c1"), after.get("c1"));
        assertEquals(xmins.get("c2 1.0.0"), versionXmins(database).get("c2 1.0.0"));
        try (ReadHandle read = metadata.read()) {
            assertTrue(read.crateVersionInfo("c1", "1.0.1").yanked());
            assertEquals(sum(99), read.crateVersionInfo("c0", "2.0.0").checksum());
        }
        // the new digests describe what is stored now: the same input again is a no-change resync
        Map<String, String> stored = versionXmins(database);
        Map<String, String> digestsNow = digests(database);
        assertEquals(unchanged(10), sync(metadata, next, SyncOptions.completeIndex()));
        assertEquals(stored, versionXmins(database));
        assertEquals(digestsNow, digests(database));
        // and a flip back is seen too
        SyncSummary back = sync(metadata, index(3, 3), SyncOptions.completeIndex());
        assertEquals(new SyncSummary(9, 0, 0, 0, 1, 8, 0, List.of(), 0, List.of(), 1,
                List.of(new VersionKey("c0", "2.0.0"))), back);
        assertEquals(digestsNow.get("c0"), digests(database).get("c0"), "c0's digest still describes its four"
                + " stored versions (the three of the input do not match it, and make none)");
    }

    @Test
    void aChangedChecksumIsFoundBehindADigest(Metadata metadata, TempDatabase database) throws Exception {
        sync(metadata, index(2, 3), SyncOptions.completeIndex());
        Map<String, String> digests = digests(database);
        Map<String, String> xmins = versionXmins(database);
        List<IndexEntry> next = new ArrayList<>(index(2, 3));
        next.set(4, new IndexEntry("c1", "1.0.1", sum(77), true));
        ChecksumConflictException strict = assertThrows(ChecksumConflictException.class,
                () -> sync(metadata, next, SyncOptions.completeIndex()));
        assertEquals(List.of(new ChecksumConflict("c1", "1.0.1", sum(1001), sum(77))), strict.conflicts());
        assertEquals(xmins, versionXmins(database), "nothing written");
        assertEquals(digests, digests(database), "digests as they were");

        for (int run = 0; run < 2; run++) {
            SyncSummary lenient = sync(metadata, next, SyncOptions.completeIndex().lenient());
            assertEquals(new SyncSummary(6, 0, 0, 0, 0, 5, 1,
                    List.of(new ChecksumConflict("c1", "1.0.1", sum(1001), sum(77))), 0, List.of(), 0, List.of()),
                    lenient, "run " + run + ": c1 is compared row by row every time, so the conflict is reported");
            assertEquals(Set.of("c0", "c1"), digests(database).keySet(), "its digest (of what is stored) stays");
        }
        // a crate whose rejected row left it different from the input gets no digest from that input
        execute(database, "DELETE FROM crate_sync_digests");
        sync(metadata, next, SyncOptions.completeIndex().lenient());
        assertEquals(Set.of("c0"), digests(database).keySet());
        assertEquals(1, sync(metadata, next, SyncOptions.completeIndex().lenient()).rejected());
    }

    @Test
    void writesThroughTheRowApiOrSqlDeleteTheDigestsOfTheirCrates(Metadata metadata, TempDatabase database) {
        sync(metadata, index(4, 3), SyncOptions.completeIndex());
        metadata.useTransaction(write -> {
            write.crateVersionAdd("c0", "2.0.0", sum(50), false); // a new version
            write.crateVersionAdd("c1", "1.0.1", sum(1001), true); // yanked
            write.crateVersionAdd("c2", "1.0.1", sum(2001), false); // the same again: writes nothing
        });
        assertEquals(Set.of("c2", "c3"), digests(database).keySet());
        execute(database, "DELETE FROM crate_versions WHERE version = '1.0.2'"
                + " AND crate = (SELECT id FROM crates WHERE name = 'c2')");
        assertEquals(Set.of("c3"), digests(database).keySet());

        SyncSummary next = sync(metadata, index(4, 3), SyncOptions.completeIndex());
        assertEquals(new SyncSummary(12, 0, 1, 0, 1, 10, 0, List.of(), 0, List.of(), 1,
                List.of(new VersionKey("c0", "2.0.0"))), next, "the yank reverted, c2 1.0.2 added back,"
                + " c0 2.0.0 reported");
        assertEquals(Set.of("c1", "c2", "c3"), digests(database).keySet());

        execute(database, "TRUNCATE crate_versions CASCADE");
        assertEquals(Map.of(), digests(database));
        execute(database, "INSERT INTO crate_versions (crate, version, checksum) SELECT id, '9.0.0', '" + sum(9)
                + "' FROM crates WHERE name = 'c3'");
        execute(database, "DELETE FROM crates WHERE name <> 'c3'");
        sync(metadata, index(4, 3).subList(9, 12), SyncOptions.partial());
        assertEquals(Set.of(), digests(database).keySet(), "c3 also has version 9.0.0");
        execute(database, "DELETE FROM crates WHERE name = 'c3'");
        sync(metadata, index(4, 3).subList(9, 12), SyncOptions.partial());
        assertEquals(Set.of("c3"), digests(database).keySet());
        execute(database, "DELETE FROM crates");
        assertEquals(Map.of(), digests(database), "deleted with their crates");
    }

    @Test
    void aCrateSplitIntoSeveralGroupsIsComparedRowByRow(Metadata metadata, TempDatabase database) throws Exception {
        List<IndexEntry> split = new ArrayList<>(index(3, 3));
        split.add(split.remove(1)); // c0 1.0.1 last: c0 is two groups, apart
        assertEquals(new SyncSummary(9, 3, 9, 0, 0, 0, 0, List.of(), 0, List.of(), 0, List.of()),
                sync(metadata, split, SyncOptions.completeIndex()));
        assertEquals(Set.of("c1", "c2"), digests(database).keySet(), "no digest from two groups");
        Map<String, String> xmins = versionXmins(database);
        assertEquals(unchanged(9), sync(metadata, split, SyncOptions.completeIndex()));
        assertEquals(xmins, versionXmins(database));
        assertEquals(unchanged(9), sync(metadata, index(3, 3), SyncOptions.completeIndex()));
        assertEquals(Set.of("c0", "c1", "c2"), digests(database).keySet(), "together, c0 gets one");

        // c0 whole (skipped) and then a group with a new version of it
        List<IndexEntry> more = new ArrayList<>(index(3, 3));
        more.add(new IndexEntry("c0", "2.0.0", sum(5), true));
        assertEquals(new SyncSummary(10, 0, 1, 0, 0, 9, 0, List.of(), 0, List.of(), 0, List.of()),
                sync(metadata, more, SyncOptions.completeIndex()));
        assertEquals(Set.of("c1", "c2"), digests(database).keySet(), "c0 changed, and came in two groups");
        assertEquals(unchanged(10), sync(metadata, more, SyncOptions.completeIndex()));
        // a version missing from one group is not missing if another group lists it
        List<IndexEntry> apart = new ArrayList<>(more);
        apart.add(4, apart.remove(0));
        assertEquals(unchanged(10), sync(metadata, apart, SyncOptions.completeIndex()));
    }

    @Test
    void aVersionListedTwiceIsRejectedWhereverItsGroupsAre(Metadata metadata) {
        sync(metadata, index(3, 3), SyncOptions.completeIndex());
        // c0's first group is skipped (its digest matches), and a later group lists one of its versions again
        List<IndexEntry> again = new ArrayList<>(index(3, 3));
        again.add(new IndexEntry("c0", "1.0.1", sum(1), false));
        assertDuplicate(metadata, again, "c0", "1.0.1");
        // c0 whole twice: both groups skipped
        List<IndexEntry> twice = new ArrayList<>(index(3, 3));
        twice.addAll(index(1, 3));
        assertDuplicate(metadata, twice, "c0", "1.0.0");
        // within one group, found by the client, here with a version missing that the count would have hidden
        List<IndexEntry> hidden = new ArrayList<>(index(3, 3));
        hidden.set(2, hidden.get(1));
        assertDuplicate(metadata, hidden, "c0", "1.0.1");
        // in two groups, a version new to both
        List<IndexEntry> fresh = new ArrayList<>(index(3, 3));
        fresh.add(1, new IndexEntry("c0", "3.0.0", sum(3), false));
        fresh.add(new IndexEntry("c0", "3.0.0", sum(3), false));
        assertDuplicate(metadata, fresh, "c0", "3.0.0");
        // and in a group too large to hold, where the server looks for it
        List<IndexEntry> large = new ArrayList<>(index(1, 2));
        IntStream.range(0, LARGER_THAN_A_GROUP).forEach(v -> large.add(new IndexEntry("big", "0.0." + v, sum(v), false)));
        large.add(new IndexEntry("big", "0.0.7", sum(7), false));
        assertDuplicate(metadata, large, "big", "0.0.7");
        try (ReadHandle read = metadata.read()) {
            assertThrows(NotFoundException.class, () -> read.crateVersions("big"), "nothing written");
        }
    }

    private static void assertDuplicate(Metadata metadata, List<IndexEntry> rows, String crate, String version) {
        for (SyncOptions options : List.of(SyncOptions.partial(), SyncOptions.completeIndex().lenient())) {
            InvalidInputException error = assertThrows(InvalidInputException.class,
                    () -> sync(metadata, rows, options));
            assertEquals("the input lists crate '" + crate + "' version '" + version + "' more than once",
                    error.getMessage());
        }
    }

    @Test
    void aGroupLargerThanTheBufferIsSentRowByRowAndNeverSkipped(Metadata metadata, TempDatabase database)
            throws Exception {
        List<IndexEntry> rows = new ArrayList<>(index(2, 2));
        IntStream.range(0, LARGER_THAN_A_GROUP).forEach(v -> rows.add(new IndexEntry("big", "0.0." + v, sum(v),
                v % 10 == 0)));
        rows.addAll(index(3, 2).subList(4, 6));
        SyncSummary first = sync(metadata, rows, SyncOptions.completeIndex());
        assertEquals(LARGER_THAN_A_GROUP + 6, first.versionsAdded());
        assertEquals(Set.of("c0", "c1", "c2"), digests(database).keySet());
        Map<String, String> xmins = versionXmins(database);
        assertEquals(unchanged(LARGER_THAN_A_GROUP + 6), sync(metadata, rows, SyncOptions.completeIndex()));
        assertEquals(xmins, versionXmins(database));
        List<IndexEntry> changed = new ArrayList<>(rows);
        changed.set(5, new IndexEntry("big", "0.0.1", sum(1), true));
        changed.remove(10);
        SyncSummary next = sync(metadata, changed, SyncOptions.completeIndex());
        assertEquals(new SyncSummary(LARGER_THAN_A_GROUP + 5, 0, 0, 1, 0, LARGER_THAN_A_GROUP + 4, 0, List.of(), 0,
                List.of(), 1, List.of(new VersionKey("big", "0.0.6"))), next);
    }

    @Test
    void aKilledSyncLeavesTheDigestsAsTheyWere(Metadata metadata, TempDatabase database) throws Exception {
        sync(metadata, index(5, 2), SyncOptions.completeIndex());
        Map<String, String> before = digests(database);
        List<IndexEntry> next = new ArrayList<>(index(50, 20));
        next.set(0, new IndexEntry("c0", "1.0.0", sum(0), true));
        Iterator<IndexEntry> killing = IntStream.range(0, next.size()).mapToObj(i -> {
            if (i == next.size() / 2) {
                SyncTest.terminateOtherBackends(database);
            }
            return next.get(i);
        }).iterator();
        assertThrows(DatabaseUnavailableException.class,
                () -> metadata.inTransaction(write -> write.sync(killing, SyncOptions.completeIndex())));
        assertEquals(before, digests(database), "the killed sync left the digests alone");
        Thread.sleep(600); // see SyncTest.syncKilledHalfWayLeavesNothingAndARerunConverges
        SyncSummary rerun = sync(metadata, next, SyncOptions.completeIndex());
        assertEquals(1000 - 10, rerun.versionsAdded());
        assertEquals(1, rerun.versionsYanked());
        assertEquals(50, digests(database).size());
    }

    @Test
    void aRepeatableReadWriterCannotKeepADigestItCannotSee(Metadata metadata, TempDatabase database) {
        metadata.useTransaction(write -> {
            write.crateAdd("c0");
        });
        try (WriteHandle writer = metadata.write(Isolation.REPEATABLE_READ)) {
            assertEquals(1, writer.crateList("").size()); // the snapshot: before the sync below
            sync(metadata, index(1, 3), SyncOptions.completeIndex());
            assertEquals(Set.of("c0"), digests(database).keySet());
            // a plain delete would not see the digest, which would then claim c0 has three versions
            assertThrows(TransientConflictException.class,
                    () -> writer.crateVersionAdd("c0", "2.0.0", sum(5), false));
        }
        metadata.useTransaction(Isolation.REPEATABLE_READ, write -> {
            write.crateVersionAdd("c0", "2.0.0", sum(5), false);
        });
        assertEquals(Map.of(), digests(database));
        assertEquals(List.of(new VersionKey("c0", "2.0.0")),
                sync(metadata, index(1, 3), SyncOptions.completeIndex()).missingVersionExamples());
    }

    @Test
    void aRepeatableReadTruncateEmptiesDigestsItCannotSee(Metadata metadata, TempDatabase database) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            statement.executeQuery("SELECT count(*) FROM crates").close(); // the snapshot: before the sync below
            sync(metadata, index(1, 3), SyncOptions.completeIndex());
            assertEquals(Set.of("c0"), digests(database).keySet());
            statement.execute("TRUNCATE crate_versions CASCADE");
            connection.commit();
        }
        assertEquals(Map.of(), digests(database), "a digest left would claim c0 still has its three versions");
        assertEquals(3, sync(metadata, index(1, 3), SyncOptions.completeIndex()).versionsAdded());
    }

    @Test
    void aCrateCannotBeRenamedUnderItsDigest(Metadata metadata, TempDatabase database) throws Exception {
        sync(metadata, index(1, 3), SyncOptions.completeIndex());
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> statement.execute("UPDATE crates SET name = 'c0-renamed' WHERE name = 'c0'"));
            assertEquals("23514", refused.getSQLState(), refused.getMessage());
            assertTrue(refused.getMessage().contains("crate c0 cannot be renamed"), refused.getMessage());
            statement.execute("UPDATE crates SET name = 'c0' WHERE name = 'c0'"); // no change: allowed
        }
        assertEquals(unchanged(3), sync(metadata, index(1, 3), SyncOptions.completeIndex()));
    }

    @Test
    void aRepeatableReadSyncStoresNoDigest(Metadata metadata, TempDatabase database) {
        sync(metadata, index(2, 3), SyncOptions.completeIndex());
        List<IndexEntry> yanked = new ArrayList<>(index(2, 3));
        yanked.set(0, new IndexEntry("c0", "1.0.0", sum(0), true));
        try (WriteHandle sync = metadata.write(Isolation.REPEATABLE_READ)) {
            assertEquals(2, sync.crateList("").size()); // the snapshot, then a version it cannot see
            metadata.useTransaction(write -> {
                write.crateVersionAdd("c0", "2.0.0", sum(5), false);
            });
            SyncSummary summary = sync.sync(yanked.iterator(), SyncOptions.completeIndex());
            assertEquals(new SyncSummary(6, 0, 0, 1, 0, 5, 0, List.of(), 0, List.of(), 0, List.of()), summary,
                    "as its snapshot shows the versions");
            sync.commit();
        }
        assertEquals(Set.of("c1"), digests(database).keySet(), "none stored for c0, which also has 2.0.0");
        assertEquals(List.of(new VersionKey("c0", "2.0.0")),
                sync(metadata, yanked, SyncOptions.completeIndex()).missingVersionExamples());
    }

    /**
     * The rows, but before row {@code at} the iterator counts {@code reached} down and waits for {@code release}:
     * a sync reading it is then under way, holding what it holds at that point.
     */
    static Iterator<IndexEntry> pausingAt(List<IndexEntry> rows, int at, CountDownLatch reached,
                                          CountDownLatch release) {
        return IntStream.range(0, rows.size()).mapToObj(i -> {
            if (i == at) {
                reached.countDown();
                try {
                    assertTrue(release.await(1, TimeUnit.MINUTES));
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            return rows.get(i);
        }).iterator();
    }

    @Test
    void writersOfVersionsWaitForARunningSync(Metadata metadata, TempDatabase database) throws Exception {
        sync(metadata, index(3, 3), SyncOptions.completeIndex());
        CountDownLatch syncing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<IndexEntry> rows = index(3, 3);
        Iterator<IndexEntry> slow = pausingAt(rows, 4, syncing, release);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            Future<SyncSummary> running = executor.submit(
                    () -> metadata.inTransaction(write -> write.sync(slow, SyncOptions.completeIndex())));
            assertTrue(syncing.await(1, TimeUnit.MINUTES));
            Future<?> writer = executor.submit(() -> metadata.useTransaction(write -> {
                write.crateVersionAdd("c1", "2.0.0", sum(7), false);
            }));
            Thread.sleep(500);
            assertFalse(writer.isDone(), "the writer waits for the sync");
            try (ReadHandle read = metadata.read()) {
                assertEquals(3, read.crateVersions("c1").size(), "readers do not wait");
            }
            release.countDown();
            assertEquals(unchanged(9), running.get(1, TimeUnit.MINUTES));
            writer.get(1, TimeUnit.MINUTES);
        } finally {
            release.countDown();
            executor.shutdownNow();
        }
        assertEquals(Set.of("c0", "c2"), digests(database).keySet());
        assertEquals(List.of(new VersionKey("c1", "2.0.0")),
                sync(metadata, rows, SyncOptions.completeIndex()).missingVersionExamples());
    }

    @Test
    void aSyncWaitsForTransactionsThatWroteVersions(Metadata metadata, TempDatabase database) throws Exception {
        sync(metadata, index(3, 3), SyncOptions.completeIndex());
        execute(database, "DELETE FROM crate_sync_digests"); // none, so the writer's trigger has nothing to delete
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (WriteHandle writer = metadata.write()) {
            writer.crateVersionAdd("c1", "2.0.0", sum(7), false);
            Future<SyncSummary> sync = executor.submit(() -> sync(metadata, index(3, 3), SyncOptions.completeIndex()));
            Thread.sleep(500);
            assertFalse(sync.isDone(), "the sync waits for the open transaction that wrote a version");
            writer.commit();
            assertEquals(List.of(new VersionKey("c1", "2.0.0")), sync.get(1, TimeUnit.MINUTES)
                    .missingVersionExamples(), "then it sees the version");
        } finally {
            executor.shutdownNow();
        }
        assertEquals(Set.of("c0", "c2"), digests(database).keySet(), "and stores no digest for c1");
    }

    @Test
    void awkwardNamesHaveDigestsToo(Metadata metadata, TempDatabase database) {
        // the rules' widest: upper case, '-' and '_', pre-release and build metadata
        List<IndexEntry> rows = List.of(new IndexEntry("Tab-Here_", "1.0.0+back-slash.5", sum(1), false),
                new IndexEntry("line_break-", "0.0.0--a-.0", sum(2), true), new IndexEntry("U-n-i_9", "1.0.0", sum(3), false),
                new IndexEntry("U-n-i_9", "1.0.0-alpha.01", sum(4), false));
        sync(metadata, rows, SyncOptions.partial());
        assertEquals(3, digests(database).size());
        assertEquals(unchanged(4), sync(metadata, rows, SyncOptions.partial()));
        Set<String> names = new HashSet<>(digests(database).keySet());
        assertEquals(Set.of("Tab-Here_", "line_break-", "U-n-i_9"), names);
    }
}
