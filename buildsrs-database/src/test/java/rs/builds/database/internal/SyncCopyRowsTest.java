package rs.builds.database.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.jdbi.v3.sqlobject.SqlObjects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rs.builds.database.IndexEntry;
import rs.builds.database.Names;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempDatabaseExtension;

/**
 * The rows {@link SyncCopyRows} writes land in the columns their statements name: each kind is loaded through its
 * statement and read back by column name, so a column list and its writer cannot drift apart. And the SQL that tells
 * group rows from input rows by {@link SyncCopyRows#GROUP_ROW_VERSION} says so at each use.
 */
@ExtendWith(TempDatabaseExtension.class)
class SyncCopyRowsTest {
    private static final String CHECKSUM = "0123456789abcdef".repeat(4);
    /** Every character COPY's text format escapes, and one beyond the BMP. */
    private static final String AWKWARD = "a\tb\\c\nd\re \uD83E\uDD80";

    /** A Jdbi as the API configures it: SQL objects, SQL from {@code sql/queries}. */
    static Jdbi jdbi(TempDatabase database) {
        Jdbi jdbi = Jdbi.create(database.dataSource());
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.getConfig(SqlObjects.class).setSqlLocator(new SqlFileLocator());
        return jdbi;
    }

    static byte[] digest(int first) {
        byte[] digest = new byte[SyncDigester.BYTES];
        for (int i = 0; i < digest.length; i++) {
            digest[i] = (byte) (first + i);
        }
        return digest;
    }

    @Test
    void stagingRowsLandInTheirColumnsAndTheStatementsTellTheKindsApart(TempDatabase database) throws SQLException {
        try (Handle handle = jdbi(database).open()) {
            handle.begin();
            SyncDao sync = handle.attach(SyncDao.class);
            sync.syncPrepareTables();
            try (CopyStream copy = CopyStream.open(handle, SqlFileLocator.sql(SyncDao.class, "syncCopy"))) {
                SyncCopyRows.inputRow(copy.chunk(), new IndexEntry(AWKWARD, "1.0.0" + AWKWARD, CHECKSUM, true));
                SyncCopyRows.groupRow(copy.chunk(), AWKWARD, 3, false, digest(1));
                SyncCopyRows.groupRow(copy.chunk(), "skipped", 5, true, null);
                copy.end();
            }
            List<Map<String, Object>> rows = handle.createQuery("SELECT crate, version, checksum, yanked,"
                    + " group_rows, group_skipped, group_digest FROM sync_staging ORDER BY group_rows NULLS FIRST")
                    .mapToMap().list();
            assertEquals(3, rows.size());

            Map<String, Object> input = rows.get(0);
            assertEquals(AWKWARD, input.get("crate"));
            assertEquals("1.0.0" + AWKWARD, input.get("version"));
            assertEquals(CHECKSUM, input.get("checksum"));
            assertEquals(true, input.get("yanked"));
            assertNull(input.get("group_rows"));
            assertNull(input.get("group_skipped"));
            assertNull(input.get("group_digest"));

            Map<String, Object> group = rows.get(1);
            assertEquals(AWKWARD, group.get("crate"));
            assertEquals(SyncCopyRows.GROUP_ROW_VERSION, group.get("version"));
            assertNull(group.get("checksum"));
            assertNull(group.get("yanked"));
            assertEquals(3, group.get("group_rows"));
            assertEquals(false, group.get("group_skipped"));
            assertArrayEquals(digest(1), (byte[]) group.get("group_digest"));

            Map<String, Object> skipped = rows.get(2);
            assertEquals(SyncCopyRows.GROUP_ROW_VERSION, skipped.get("version"));
            assertEquals(5, skipped.get("group_rows"));
            assertEquals(true, skipped.get("group_skipped"));
            assertNull(skipped.get("group_digest"));

            // the statements that read the staging table take each kind for what it is
            assertEquals(2, sync.syncGroups(), "a crate per group row");
            assertEquals(1, sync.syncDiff(), "the input row, which is new; no group row");
            handle.rollback();
        }
    }

    @Test
    void rowsIntoEmptyTablesLandInTheirColumns(TempDatabase database) throws SQLException {
        try (Handle handle = jdbi(database).open()) {
            handle.begin();
            try (CopyStream copy = CopyStream.open(handle, SqlFileLocator.sql(SyncDao.class, "syncBulkCrates"))) {
                SyncCopyRows.crate(copy.chunk(), 1001, "serde");
                copy.end();
            }
            try (CopyStream copy = CopyStream.open(handle, SqlFileLocator.sql(SyncDao.class, "syncBulkVersions"))) {
                SyncCopyRows.version(copy.chunk(), 2002, 1001, new IndexEntry("serde", "1.0.0-rc.1", CHECKSUM, true));
                copy.end();
            }
            try (CopyStream copy = CopyStream.open(handle, SqlFileLocator.sql(SyncDao.class, "syncBulkDigests"))) {
                SyncCopyRows.digest(copy.chunk(), 1001, digest(7));
                copy.end();
            }
            assertEquals(Map.of("id", 1001L, "name", "serde"),
                    handle.createQuery("SELECT id, name FROM crates").mapToMap().one());
            assertEquals(Map.of("id", 2002L, "crate", 1001L, "version", "1.0.0-rc.1", "checksum", CHECKSUM,
                    "yanked", true), handle.createQuery("SELECT id, crate, version, checksum, yanked"
                    + " FROM crate_versions").mapToMap().one());
            Map<String, Object> digest = handle.createQuery("SELECT crate, digest FROM crate_sync_digests")
                    .mapToMap().one();
            assertEquals(1001L, digest.get("crate"));
            assertArrayEquals(digest(7), (byte[]) digest.get("digest"));
            handle.rollback();
        }
    }

    @Test
    void theGroupRowVersionIsNoVersionAndEachUseInTheSqlNamesIt() throws IOException {
        assertFalse(Names.isVersion(SyncCopyRows.GROUP_ROW_VERSION), "an input row could pass for a group row");
        String literal = "'" + SyncCopyRows.GROUP_ROW_VERSION.replace("'", "''") + "'";
        List<String> uses = new ArrayList<>();
        List<String> unmarked = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("../sql/queries/SyncDao"))) {
            for (Path file : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    int comment = line.indexOf("--");
                    String code = comment < 0 ? line : line.substring(0, comment);
                    if (code.matches(".*\\bversion\\s*(=|<>|!=)\\s*'.*")) {
                        String where = file.getFileName() + ":" + (i + 1);
                        uses.add(where);
                        if (!code.contains("version = " + literal) && !code.contains("version <> " + literal)
                                || comment < 0 || !line.substring(comment).contains("SyncCopyRows.GROUP_ROW_VERSION")) {
                            unmarked.add(where + ": " + line.strip());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), unmarked, "a comparison of a version with a literal in the sync's SQL is a test for"
                + " group rows: write it as version = " + literal + " or version <> " + literal + " with a comment"
                + " naming SyncCopyRows.GROUP_ROW_VERSION");
        // syncDiff, syncDuplicates, syncGroups, syncGroupsSplit, syncMissingCrates
        assertTrue(uses.size() >= 5, "found only " + uses);
    }
}
