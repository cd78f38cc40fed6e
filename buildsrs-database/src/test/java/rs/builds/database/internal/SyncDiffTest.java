package rs.builds.database.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rs.builds.database.temp.TempDatabase;

/**
 * The two ways of finding what a sync changes (syncDiff.sql, a hash join for large inputs; syncDiffFew.sql, an index
 * probe a row for up to {@link SyncStore#DIFF_BY_INDEX_MAX} rows sent) find the same rows: unchanged rows and group
 * rows are left out; a new crate, a new version, a changed checksum and a changed yanked flag are kept, with what is
 * stored. The sync tests go through one or the other by size; this one runs both on one staging table.
 */
class SyncDiffTest {
    @Test
    void bothQueriesFindTheSameDifferences() throws SQLException {
        try (TempDatabase database = TempDatabase.create(); Connection connection = database.dataSource().getConnection();
             Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO crates (name) VALUES ('alpha'), ('beta')");
            sql.execute("INSERT INTO crate_versions (crate, version, checksum, yanked) SELECT c.id, v.version,"
                    + " repeat(v.digit, 64), v.yanked FROM crates c JOIN (VALUES ('alpha', '1.0.0', 'a', false),"
                    + " ('alpha', '1.1.0', 'b', false), ('beta', '0.1.0', 'c', true)) AS v (crate, version, digit,"
                    + " yanked) ON v.crate = c.name");
            connection.setAutoCommit(false);
            sql.execute(SqlFileLocator.sql(SyncDao.class, "syncPrepareTables"));
            sql.execute("INSERT INTO sync_staging (crate, version, checksum, yanked) VALUES"
                    + " ('alpha', '1.0.0', repeat('a', 64), false)," // as stored
                    + " ('alpha', '1.1.0', repeat('b', 64), true),"  // yanked since
                    + " ('alpha', '1.2.0', repeat('d', 64), false)," // a new version
                    + " ('beta', '0.1.0', repeat('e', 64), true),"   // its checksum changed
                    + " ('gamma', '2.0.0', repeat('f', 64), false)"); // a new crate
            sql.execute("INSERT INTO sync_staging (crate, version, group_rows, group_skipped) VALUES"
                    + " ('alpha', '', 3, false), ('beta', '', 1, false), ('gamma', '', 1, false)");
            List<String> byJoin = diff(connection, "syncDiff");
            List<String> byIndex = diff(connection, "syncDiffFew");
            assertEquals(List.of(
                    "alpha 1.1.0 bbbb true; stored: bbbb false",
                    "alpha 1.2.0 dddd false; new: null null",
                    "beta 0.1.0 eeee true; stored: cccc true",
                    "gamma 2.0.0 ffff false; crate null; new: null null"), byJoin);
            assertEquals(byJoin, byIndex);
            connection.rollback();
        }
    }

    /** @return the rows the query put in sync_diff, described; the table is emptied after */
    private static List<String> diff(Connection connection, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement sql = connection.createStatement()) {
            sql.execute(SqlFileLocator.sql(SyncDao.class, query));
            try (PreparedStatement read = connection.prepareStatement("SELECT d.crate, d.version, left(d.checksum, 4),"
                    + " d.yanked, d.crate_id, c.name, d.version_id, left(d.stored_checksum, 4), d.stored_yanked"
                    + " FROM sync_diff d LEFT JOIN crates c ON c.id = d.crate_id ORDER BY d.crate, d.version");
                 ResultSet result = read.executeQuery()) {
                while (result.next()) {
                    String crate = result.getString(1);
                    boolean crateMatches = crate.equals(result.getString(6));
                    rows.add(crate + " " + result.getString(2) + " " + result.getString(3) + " "
                            + result.getBoolean(4) + (crateMatches ? "" : "; crate " + result.getObject(5))
                            + (result.getObject(7) == null ? "; new" : "; stored") + ": " + result.getString(8) + " "
                            + result.getObject(9));
                }
            }
            sql.execute("DELETE FROM sync_diff");
        }
        return rows;
    }
}
