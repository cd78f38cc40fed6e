package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rs.builds.database.temp.TempDatabase;

/**
 * The reference of crate_versions to crates, checked per statement by a trigger instead of a foreign key (V1):
 * the same guarantees as a foreign key, in SQL as any writer would issue it.
 */
@ExtendWith(MetadataExtension.class)
class CrateVersionReferenceTest {
    private static final String CHECKSUM = "0".repeat(64);

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void versionOfAMissingCrateIsRejected(TempDatabase database) throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            SQLException error = assertThrows(SQLException.class, () -> execute(connection,
                    "INSERT INTO crate_versions (crate, version, checksum) VALUES (12345, '1.0.0', '" + CHECKSUM + "')"));
            assertEquals("23503", error.getSQLState(), error.getMessage());
        }
    }

    @Test
    void crateOfAVersionBeingInsertedCannotBeDeletedMeanwhile(TempDatabase database) throws Exception {
        try (Connection setup = database.dataSource().getConnection()) {
            execute(setup, "INSERT INTO crates (name) VALUES ('locked')");
        }
        try (Connection writer = database.dataSource().getConnection();
             Connection deleter = database.dataSource().getConnection()) {
            writer.setAutoCommit(false);
            execute(writer, "INSERT INTO crate_versions (crate, version, checksum) "
                    + "SELECT id, '1.0.0', '" + CHECKSUM + "' FROM crates WHERE name = 'locked'");
            execute(deleter, "SET lock_timeout = '200ms'");
            SQLException waited = assertThrows(SQLException.class,
                    () -> execute(deleter, "DELETE FROM crates WHERE name = 'locked'"));
            assertEquals("55P03", waited.getSQLState(), "the delete waits for the inserting transaction: "
                    + waited.getMessage());
            writer.commit();
        }
    }
}
