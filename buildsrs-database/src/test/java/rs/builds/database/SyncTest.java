package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import rs.builds.database.temp.TempDatabase;

@ExtendWith(MetadataExtension.class)
@Tag("contract")
class SyncTest {
    static String sum(int n) {
        return String.format("%064x", n);
    }

    /** crates c0..c(crates-1) with versions 1.0.0..1.0.(versions-1), checksums numbered, none yanked. */
    static List<IndexEntry> index(int crates, int versions) {
        List<IndexEntry> rows = new ArrayList<>();
        for (int c = 0; c < crates; c++) {
            for (int v = 0; v < versions; v++) {
                rows.add(new IndexEntry("c" + c, "1.0." + v, sum(c * 1000 + v), false));
            }
        }
        return rows;
    }

    static SyncSummary sync(Metadata metadata, List<IndexEntry> rows, SyncOptions options) {
        return metadata.inTransaction(write -> write.sync(rows.iterator(), options));
    }

    /** Each version's xmin: the transaction that last wrote its row. */
    static Map<String, String> versionXmins(TempDatabase database) throws Exception {
        Map<String, String> xmins = new TreeMap<>();
        try (Connection connection = database.dataSource().getConnection();
             var rows = connection.createStatement().executeQuery(
                     "SELECT c.name || ' ' || v.version, v.xmin::text FROM crate_versions v JOIN crates c ON c.id = v.crate")) {
            while (rows.next()) {
                xmins.put(rows.getString(1), rows.getString(2));
            }
        }
        return xmins;
    }

    @Test
    void initialSyncAddsEverything(Metadata metadata) {
        SyncSummary summary = sync(metadata, index(3, 4), SyncOptions.completeIndex());
        assertEquals(new SyncSummary(12, 3, 12, 0, 0, 0, 0, List.of(), 0, List.of(), 0, List.of()), summary);
        try (ReadHandle read = metadata.read()) {
            assertEquals(new VersionInfo("c2", "1.0.3", sum(2003), false), read.crateVersionInfo("c2", "1.0.3"));
            assertEquals(3, read.crateList("").size());
        }
    }

    @Test
    void syncLeavesNoNewNamesInTheSearchIndexPendingList(Metadata metadata, TempDatabase database) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             var statement = connection.createStatement()) {
            metadata.useTransaction(write -> {
                write.crateAdd("added-one-by-one");
            });
            var pending = statement.executeQuery("SELECT gin_clean_pending_list('crates_name_trgm')");
            pending.next();
            assertTrue(pending.getLong(1) > 0, "a single insert goes to the pending list, which this test counts on");

            sync(metadata, index(200, 1), SyncOptions.partial());
            var after = statement.executeQuery("SELECT gin_clean_pending_list('crates_name_trgm')");
            after.next();
            assertEquals(0, after.getLong(1), "pending pages left after the sync");
        }
    }

    @Test
    void aCrateAddedWhileTheSyncRunsIsLeftToItsWriter(Metadata metadata, TempDatabase database) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (WriteHandle other = metadata.write();
             Connection watcher = database.dataSource().getConnection();
             var statement = watcher.createStatement()) {
            other.crateAdd("c1"); // not committed yet: the sync's diff sees no c1
            Future<SyncSummary> running = executor.submit(() -> sync(metadata, index(2, 2), SyncOptions.partial()));
            // the sync's insert of c1 waits for the other transaction
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (true) {
                var waiting = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        + " AND query LIKE '%INSERT INTO crates%'");
                waiting.next();
                if (waiting.getLong(1) > 0) {
                    break;
                }
                assertTrue(System.nanoTime() < deadline, "the sync never waited for the other transaction");
                Thread.sleep(20);
            }
            other.commit();
            SyncSummary summary = running.get(1, TimeUnit.MINUTES);
            assertEquals(1, summary.cratesAdded(), "c1 was added by the other transaction");
            assertEquals(4, summary.versionsAdded());
        } finally {
            executor.shutdownNow();
        }
        try (ReadHandle read = metadata.read()) {
            assertEquals(2, read.crateVersions("c1").size());
        }
    }

    @Test
    void resyncWithoutChangesRewritesNothing(Metadata metadata, TempDatabase database) throws Exception {
        sync(metadata, index(3, 4), SyncOptions.completeIndex());
        Map<String, String> before = versionXmins(database);
        SyncSummary again = sync(metadata, index(3, 4), SyncOptions.completeIndex());
        assertEquals(new SyncSummary(12, 0, 0, 0, 0, 12, 0, List.of(), 0, List.of(), 0, List.of()), again);
        assertEquals(before, versionXmins(database), "no row rewritten (xmin unchanged)");
    }

    @Test
    void yanksUnyanksAndNewVersionsApplyAndOnlyThoseRowsChange(Metadata metadata, TempDatabase database) throws Exception {
        List<IndexEntry> rows = new ArrayList<>(index(2, 3));
        rows.set(0, new IndexEntry("c0", "1.0.0", sum(0), true));
        sync(metadata, rows, SyncOptions.completeIndex());
        Map<String, String> before = versionXmins(database);
        List<IndexEntry> next = new ArrayList<>(index(2, 3));      // c0 1.0.0 unyanked
        next.set(4, new IndexEntry("c1", "1.0.1", sum(1001), true)); // yanked
        next.add(new IndexEntry("c1", "2.0.0", sum(1999), false));   // new version
        next.add(new IndexEntry("new-crate", "0.1.0", sum(5), false)); // new crate
        SyncSummary summary = sync(metadata, next, SyncOptions.completeIndex());
        assertEquals(new SyncSummary(8, 1, 2, 1, 1, 4, 0, List.of(), 0, List.of(), 0, List.of()), summary);
        Map<String, String> after = versionXmins(database);
        for (String unchanged : List.of("c0 1.0.1", "c0 1.0.2", "c1 1.0.0", "c1 1.0.2")) {
            assertEquals(before.get(unchanged), after.get(unchanged), unchanged);
        }
        try (ReadHandle read = metadata.read()) {
            assertEquals(false, read.crateVersionInfo("c0", "1.0.0").yanked());
            assertEquals(true, read.crateVersionInfo("c1", "1.0.1").yanked());
            assertEquals(sum(5), read.crateVersionInfo("new-crate", "0.1.0").checksum());
        }
    }

    @Test
    void changedChecksumFailsAStrictSyncWithNothingWritten(Metadata metadata, TempDatabase database) throws Exception {
        sync(metadata, index(2, 2), SyncOptions.completeIndex());
        Map<String, String> before = versionXmins(database);
        List<IndexEntry> next = new ArrayList<>(index(2, 2));
        next.set(1, new IndexEntry("c0", "1.0.1", sum(77), true));
        next.add(new IndexEntry("c9", "1.0.0", sum(9), false));
        ChecksumConflictException error = assertThrows(ChecksumConflictException.class,
                () -> sync(metadata, next, SyncOptions.completeIndex()));
        assertEquals(List.of(new ChecksumConflict("c0", "1.0.1", sum(1), sum(77))), error.conflicts());
        assertEquals(1, error.count());
        assertTrue(error.getMessage().contains("crate 'c0' version '1.0.1'"), error.getMessage());
        assertEquals(before, versionXmins(database), "nothing written, not even the new crate");
    }

    @Test
    void lenientSyncSkipsAndReportsChangedChecksums(Metadata metadata) {
        sync(metadata, index(2, 2), SyncOptions.completeIndex());
        List<IndexEntry> next = new ArrayList<>(index(2, 2));
        next.set(1, new IndexEntry("c0", "1.0.1", sum(77), true));
        next.add(new IndexEntry("c9", "1.0.0", sum(9), false));
        SyncSummary summary = sync(metadata, next, SyncOptions.completeIndex().lenient());
        assertEquals(1, summary.rejected());
        assertEquals(List.of(new ChecksumConflict("c0", "1.0.1", sum(1), sum(77))), summary.rejectedExamples());
        assertEquals(1, summary.versionsAdded());
        assertEquals(0, summary.versionsYanked(), "the rejected row's yanked flag is not applied either");
        try (ReadHandle read = metadata.read()) {
            assertEquals(new VersionInfo("c0", "1.0.1", sum(1), false), read.crateVersionInfo("c0", "1.0.1"));
        }
    }

    @Test
    void disappearedCratesAndVersionsAreReportedNotDeleted(Metadata metadata) {
        sync(metadata, index(3, 3), SyncOptions.completeIndex());
        List<IndexEntry> next = new ArrayList<>(index(2, 3));
        next.remove(1); // c0 1.0.1
        SyncSummary complete = sync(metadata, next, SyncOptions.completeIndex());
        assertEquals(1, complete.missingCrates());
        assertEquals(List.of("c2"), complete.missingCrateExamples());
        assertEquals(1, complete.missingVersions());
        assertEquals(List.of(new VersionKey("c0", "1.0.1")), complete.missingVersionExamples());
        SyncSummary partial = sync(metadata, next.subList(0, 2), SyncOptions.partial());
        assertEquals(0, partial.missingCrates(), "a partial input says nothing about crates it does not list");
        assertEquals(List.of(new VersionKey("c0", "1.0.1")), partial.missingVersionExamples());
        try (ReadHandle read = metadata.read()) {
            assertEquals(3, read.crateVersions("c2").size());
            assertEquals(3, read.crateVersions("c0").size());
        }
    }

    @Test
    void malformedOrDuplicateRowsAreInvalidInputWithNothingWritten(Metadata metadata) {
        List<IndexEntry> bad = new ArrayList<>(index(1, 3));
        bad.set(2, new IndexEntry("c0", "1.0.2", "not-a-checksum", false));
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> sync(metadata, bad, SyncOptions.partial()));
        assertTrue(error.getMessage().startsWith("sync row 2 (crate 'c0' version '1.0.2'): checksum"), error.getMessage());
        List<IndexEntry> twice = new ArrayList<>(index(1, 3));
        twice.add(twice.get(0));
        InvalidInputException duplicate = assertThrows(InvalidInputException.class,
                () -> sync(metadata, twice, SyncOptions.partial()));
        assertEquals("the input lists crate 'c0' version '1.0.0' more than once", duplicate.getMessage());
        try (ReadHandle read = metadata.read()) {
            assertEquals(List.of(), read.crateList(""), "nothing written");
        }
        sync(metadata, index(1, 3), SyncOptions.partial());
        List<IndexEntry> storedTwice = new ArrayList<>(index(1, 3));
        storedTwice.add(storedTwice.get(1));
        for (SyncOptions options : List.of(SyncOptions.partial(), SyncOptions.completeIndex())) {
            InvalidInputException unchangedTwice = assertThrows(InvalidInputException.class,
                    () -> sync(metadata, storedTwice, options), "a stored, unchanged version listed twice");
            assertEquals("the input lists crate 'c0' version '1.0.1' more than once", unchangedTwice.getMessage());
        }
    }

    @Test
    void namesAndVersionsBreakingTheRulesFailTheSyncWithNothingWritten(Metadata metadata) {
        List<IndexEntry> bad = List.of(new IndexEntry("my crate", "1.0.0", sum(1), false),
                new IndexEntry(" c0", "1.0.0", sum(1), false), new IndexEntry("line\nbreak", "1.0.0", sum(1), false),
                new IndexEntry("1password", "1.0.0", sum(1), false), new IndexEntry("c0", "1.0", sum(1), false),
                new IndexEntry("c0", "01.0.0", sum(1), false), new IndexEntry("c0", "1.0.0\n", sum(1), false),
                new IndexEntry("c0", "\\N", sum(1), false));
        for (IndexEntry row : bad) {
            // after good rows
            List<IndexEntry> rows = new ArrayList<>(index(1, 2));
            rows.add(row);
            for (SyncOptions options : List.of(SyncOptions.partial(), SyncOptions.completeIndex().lenient())) {
                InvalidInputException error = assertThrows(InvalidInputException.class,
                        () -> sync(metadata, rows, options), row.toString());
                assertTrue(error.getMessage().startsWith("sync row 2 (crate " + Names.quote(row.crate()) + " version "
                        + Names.quote(row.version()) + "): " + (Names.isCrateName(row.crate()) ? "version " : "crate name ")),
                        error.getMessage());
                assertTrue(error.getMessage().indexOf('\n') < 0, error.getMessage());
            }
        }
        try (ReadHandle read = metadata.read()) {
            assertEquals(List.of(), read.crateList(""), "nothing written");
        }
    }

    @Test
    void crateNamesTakenButForCaseOrDashesAreConflictsWithNothingWritten(Metadata metadata) {
        metadata.useTransaction(write -> {
            write.crateAdd("Inflector");
        });
        List<IndexEntry> rows = List.of(new IndexEntry("c0", "1.0.0", sum(1), false),
                new IndexEntry("inflector", "0.11.4", sum(2), false));
        ConflictException stored = assertThrows(ConflictException.class, () -> sync(metadata, rows,
                SyncOptions.partial()));
        assertTrue(stored.getMessage().contains("nothing was written: 'inflector' (stored as 'Inflector')"),
                stored.getMessage());
        List<IndexEntry> twins = List.of(new IndexEntry("serde-json", "1.0.0", sum(1), false),
                new IndexEntry("serde_json", "1.0.0", sum(2), false));
        ConflictException both = assertThrows(ConflictException.class, () -> sync(metadata, twins,
                SyncOptions.partial().lenient()));
        assertTrue(both.getMessage().contains("'serde_json' and 'serde-json' (both in the input)"), both.getMessage());
        try (ReadHandle read = metadata.read()) {
            assertEquals(List.of(new CrateInfo("Inflector", true, 0)), read.crateList(""), "nothing written");
            assertEquals(List.of(), read.crateVersions("inflector"));
        }
        // spelt as stored, the versions go to the stored crate
        sync(metadata, List.of(new IndexEntry("Inflector", "0.11.4", sum(2), false)), SyncOptions.partial());
        try (ReadHandle read = metadata.read()) {
            assertEquals(List.of(new VersionInfo("Inflector", "0.11.4", sum(2), false)), read.crateVersions("INFLECTOR"));
        }
    }

    @Test
    void theRulesWidestNamesSurviveTheCopyFormat(Metadata metadata) {
        List<IndexEntry> rows = List.of(new IndexEntry("Tab-Here_", "1.0.0+back-slash.5", sum(1), false),
                new IndexEntry("line_break-", "0.0.0--a-.0", sum(2), true), new IndexEntry("U-n-i_9", "1.0.0", sum(3), false),
                new IndexEntry("U-n-i_9", "1.0.0-alpha.01", sum(4), false), new IndexEntry("U-n-i_9", "1.0.0+b", sum(5), false),
                new IndexEntry("U-n-i_9", "1.0.0+B", sum(6), false));
        sync(metadata, rows, SyncOptions.partial());
        try (ReadHandle read = metadata.read()) {
            for (IndexEntry row : rows) {
                assertEquals(new VersionInfo(row.crate(), row.version(), row.checksum(), row.yanked()),
                        read.crateVersionInfo(row.crate(), row.version()));
            }
        }
    }

    @Test
    void newVersionsEnterTheBuildQueue(Metadata metadata) {
        QueueFixture.targets(metadata, QueueFixture.LINUX);
        sync(metadata, index(2, 3), SyncOptions.partial());
        try (ReadHandle read = metadata.read()) {
            assertEquals(6, read.queueStats().queued());
        }
    }

    @Test
    void syncKilledHalfWayLeavesNothingAndARerunConverges(Metadata metadata, TempDatabase database) throws Exception {
        sync(metadata, index(5, 2), SyncOptions.completeIndex());
        Map<String, String> before = versionXmins(database);
        List<IndexEntry> next = index(50, 20);
        Iterator<IndexEntry> killing = IntStream.range(0, next.size()).mapToObj(i -> {
            if (i == next.size() / 2) {
                terminateOtherBackends(database);
            }
            return next.get(i);
        }).iterator();
        assertThrows(DatabaseUnavailableException.class,
                () -> metadata.inTransaction(write -> write.sync(killing, SyncOptions.completeIndex())));
        assertEquals(before, versionXmins(database), "the killed sync left nothing behind");
        // the pool checks a connection that sat idle over 500 ms before handing it out, so the connections the
        // kill broke are replaced rather than failing once each
        Thread.sleep(600);
        SyncSummary rerun = sync(metadata, next, SyncOptions.completeIndex());
        assertEquals(1000 - 10, rerun.versionsAdded());
        assertEquals(10, rerun.unchanged());
    }

    /** Rows of crates c0, c1, ... with ten versions each, made as they are read; counts how many were read. */
    static Iterator<IndexEntry> generated(int rows, AtomicInteger read, int failAt, int malformedAt) {
        return IntStream.range(0, rows).mapToObj(i -> {
            read.incrementAndGet();
            if (i == failAt) {
                throw new IllegalStateException("the index could not be read at row " + i);
            }
            return new IndexEntry("c" + i / 10, "1.0." + i % 10, i == malformedAt ? "bad" : sum(i), false);
        }).iterator();
    }

    @Test
    @Timeout(120) // a reading side that missed the checking side's failure would wait for room forever
    void aFailingInputOrABadRowDeepInItStopsTheStreamingAndLeavesNothing(Metadata metadata) {
        // the rows are read on the calling thread and checked and sent on a second one (SyncHandoff)
        AtomicInteger read = new AtomicInteger();
        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> metadata.inTransaction(
                write -> write.sync(generated(100_000, read, 30_000, -1), SyncOptions.partial())));
        assertEquals("the index could not be read at row 30000", failed.getMessage());
        assertEquals(30_001, read.get());
        read.set(0);
        InvalidInputException malformed = assertThrows(InvalidInputException.class, () -> metadata.inTransaction(
                write -> write.sync(generated(100_000, read, -1, 20_000), SyncOptions.partial())));
        assertTrue(malformed.getMessage().startsWith("sync row 20000 (crate 'c2000' version '1.0.0'): checksum"),
                malformed.getMessage());
        assertTrue(read.get() < 60_000, "reading stopped soon after the bad row was found: " + read.get());
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("buildsrs-sync")),
                "no streaming thread left running");
        try (ReadHandle handle = metadata.read()) {
            assertEquals(List.of(), handle.crateList(""), "nothing written");
        }
        assertEquals(100_000, metadata.inTransaction(write -> write.sync(generated(100_000, read, -1, -1),
                SyncOptions.partial())).versionsAdded(), "and the next sync works");
    }

    static void terminateOtherBackends(TempDatabase database) {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.createStatement().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
