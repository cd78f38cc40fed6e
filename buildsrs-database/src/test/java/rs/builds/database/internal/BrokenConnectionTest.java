package rs.builds.database.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.DatabaseException;
import rs.builds.database.DatabaseUnavailableException;
import rs.builds.database.Metadata;
import rs.builds.database.ReadHandle;
import rs.builds.database.temp.TempDatabase;

/** A pooled connection whose server session is out of step with the driver is thrown away, not lent again. */
class BrokenConnectionTest {
    @Test
    void aConnectionLeftInAFailedTransactionIsEvictedAndTheErrorSaysSo() throws SQLException {
        try (TempDatabase database = TempDatabase.create();
             HikariDataSource pool = ConnectionPool.open(ConnectionConfig.of(database.jdbcUrl())
                     .withCredentials(database.user(), database.password()).withMaxConnections(1));
             Metadata metadata = Metadata.open(pool)) {
            // What a transaction pooler does to a client whose session another client left in a failed
            // transaction: the driver believes it is in autocommit mode, the server session is in a failed
            // transaction. Made here by hand on the pool's only connection.
            try (Connection poisoned = pool.getConnection()) {
                poisoned.createStatement().execute("BEGIN");
                assertThrows(SQLException.class, () -> poisoned.createStatement().execute("SELECT 1 / 0"));
            }
            DatabaseException outOfStep = assertThrows(DatabaseException.class, () -> {
                try (ReadHandle read = metadata.read()) {
                    read.targetList();
                }
            });
            assertFalse(outOfStep instanceof DatabaseUnavailableException, "the server is there: " + outOfStep);
            assertTrue(outOfStep.getMessage().contains("out of step") && outOfStep.getMessage().contains("25P02")
                    && outOfStep.getMessage().contains("--database-postgres-pooler transaction"),
                    outOfStep.getMessage());
            try (ReadHandle read = metadata.read()) {
                assertEquals(List.of(), read.targetList(), "the pool's only connection was replaced");
            }
            assertEquals(0, metadata.openHandles());
        }
    }
}
