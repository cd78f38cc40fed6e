package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static rs.builds.database.SyncTest.index;
import static rs.builds.database.SyncTest.sum;
import static rs.builds.database.SyncTest.sync;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rs.builds.database.temp.TempDatabase;

/**
 * The sync's temporary tables (syncPrepareTables.sql): a small sync reuses those an earlier sync left on its
 * connection, and must see none of that sync's rows, whether it committed, failed, or ran before it in the same
 * transaction; a large sync works on new tables and drops them. Each Metadata here has one connection, so every sync
 * of a test runs in the same server session.
 */
@ExtendWith(MetadataExtension.class)
@Tag("contract")
class SyncTablesTest {
    /** More rows than a sync reads ahead (SyncPrefix.ROWS is 32,768): a large input. */
    private static final int LARGE_CRATES = 3_300;

    @Test
    void smallSyncsReuseTheTablesAndSeeNoneOfAnEarlierSyncsRows(TempDatabase database) throws SQLException {
        try (Metadata metadata = MetadataExtension.connect(database, 1)) {
            SyncSummary first = sync(metadata, index(3, 2), SyncOptions.partial());
            assertEquals(List.of(3L, 6L), List.of(first.cratesAdded(), first.versionsAdded()));
            List<Long> tables = stagingTables(database);
            assertEquals(1, tables.size(), "the connection keeps its tables after the commit");

            // two syncs in one transaction: the second's counts are its own input's alone
            SyncSummary[] both = metadata.inTransaction(write -> new SyncSummary[] {
                    write.sync(List.of(new IndexEntry("c0", "1.0.9", sum(9), false)).iterator(), SyncOptions.partial()),
                    write.sync(List.of(new IndexEntry("c3", "1.0.0", sum(3000), false)).iterator(),
                            SyncOptions.completeIndex())});
            assertEquals(List.of(0L, 1L), List.of(both[0].cratesAdded(), both[0].versionsAdded()));
            assertEquals(List.of(1L, 1L, 1L, 3L, 0L), List.of(both[1].rows(), both[1].cratesAdded(),
                    both[1].versionsAdded(), both[1].missingCrates(), both[1].missingVersions()),
                    "c0 to c2 missing from the second input, whatever the first listed: " + both[1]);
            assertEquals(List.of("c0", "c1", "c2"), both[1].missingCrateExamples());

            // a sync refused half way (its checksum changed), then one that must not see its rows
            List<IndexEntry> changed = List.of(new IndexEntry("c1", "1.0.0", sum(7), false),
                    new IndexEntry("c1", "1.0.1", sum(1001), false));
            assertThrows(ChecksumConflictException.class, () -> sync(metadata, changed, SyncOptions.partial()));
            SyncSummary after = sync(metadata, List.of(new IndexEntry("c2", "1.0.0", sum(2000), false),
                    new IndexEntry("c2", "1.0.1", sum(2001), true), new IndexEntry("c2", "1.0.2", sum(2002), false)),
                    SyncOptions.partial());
            assertEquals(List.of(3L, 0L, 1L, 1L, 1L, 0L, 0L), List.of(after.rows(), after.cratesAdded(),
                    after.versionsAdded(), after.versionsYanked(), after.unchanged(), after.rejected(),
                    after.missingVersions()), after.toString());
            assertEquals(tables, stagingTables(database), "every small sync used the same tables");
        }
    }

    @Test
    void aLargeSyncWorksOnNewTablesAndDropsThem(TempDatabase database) throws SQLException {
        try (Metadata metadata = MetadataExtension.connect(database, 1)) {
            sync(metadata, index(2, 3), SyncOptions.partial());
            List<Long> small = stagingTables(database);
            assertEquals(1, small.size());

            // the crate tables are in use: the online path, on 33,000 rows
            SyncSummary large = sync(metadata, index(LARGE_CRATES, 10), SyncOptions.completeIndex());
            assertEquals(List.of(LARGE_CRATES * 10L, LARGE_CRATES - 2L, LARGE_CRATES * 10L - 6, 6L, 0L),
                    List.of(large.rows(), large.cratesAdded(), large.versionsAdded(), large.unchanged(),
                            large.missingCrates()), large.toString());
            assertEquals(List.of(), stagingTables(database), "a large sync drops its tables");

            SyncSummary again = sync(metadata, List.of(new IndexEntry("c1", "2.0.0", sum(1), false)),
                    SyncOptions.partial());
            assertEquals(List.of(1L, 10L), List.of(again.versionsAdded(), again.missingVersions()));
            List<Long> made = stagingTables(database);
            assertEquals(1, made.size(), "the next small sync makes them again");
            assertNotEquals(small, made);
        }
    }

    /** @return the oids of every session's sync staging table */
    private static List<Long> stagingTables(TempDatabase database) throws SQLException {
        List<Long> oids = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT oid FROM pg_class WHERE relname = 'sync_staging'"
                     + " AND relpersistence = 't' ORDER BY oid")) {
            while (rows.next()) {
                oids.add(rows.getLong(1));
            }
        }
        return oids;
    }
}
