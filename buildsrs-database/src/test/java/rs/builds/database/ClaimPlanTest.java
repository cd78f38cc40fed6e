package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static rs.builds.database.QueueFixture.LINUX;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.temp.TempDatabase;

/**
 * A claim looks its version up by index, whatever the number of versions (V15__claim_one_row.sql): before V15 the
 * planner took the never-analyzed queue_settings for 1,230 rows, planned the claim's join for as many new jobs and
 * read every version into a hash (40-55 ms a claim with 100,000 versions). Counted by PostgreSQL itself, in the
 * transaction of the claim ({@code pg_stat_xact_user_tables}), so no timing is involved.
 */
@Tag("contract")
@ExtendWith(MetadataExtension.class)
class ClaimPlanTest {
    @TempDir
    Path dir;

    @Test
    void aClaimReadsNoVersionButItsOwn(Metadata metadata, TempDatabase database) throws Exception {
        QueueFixture.targets(metadata, LINUX);
        QueueFixture.versions(metadata, 40, 50);
        UUID builder = QueueFixture.builder(metadata, dir, LINUX);
        try (Connection connection = database.dataSource().getConnection()) {
            try (Statement statement = connection.createStatement()) {
                // the planner knows how many versions there are; queue_settings stays as every database has it
                statement.execute("ANALYZE crate_versions, crates");
            }
            connection.setAutoCommit(false);
            for (int claim = 0; claim < 3; claim++) {
                long before = versionScans(connection);
                try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT claim_status, claim_version FROM job_claim(?)")) {
                    statement.setObject(1, builder);
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        assertEquals("claimed", rows.getString(1));
                    }
                }
                assertEquals(before, versionScans(connection),
                        "claim " + (claim + 1) + " scanned all of crate_versions instead of looking its version up");
                connection.commit();
            }
        }
    }

    /** Sequential scans of crate_versions in this transaction so far. */
    private static long versionScans(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = 'crate_versions'")) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }
}
