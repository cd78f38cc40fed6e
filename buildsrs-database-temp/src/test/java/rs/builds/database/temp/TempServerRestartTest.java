package rs.builds.database.temp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The embedded server stopped at once, as by a crash, and started again on its port with its data. */
class TempServerRestartTest {
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aServerStoppedImmediatelyComesBackWithItsCommittedData() throws SQLException {
        Assumptions.assumeTrue(TempServer.shared().embedded(), "only the embedded server can be stopped");
        try (TempDatabase database = TempDatabase.create()) {
            int port = database.port();
            try (Connection connection = database.dataSource().getConnection()) {
                // the server runs with synchronous_commit off, whose commits a crash may lose: not this one
                connection.createStatement().execute("SET synchronous_commit = on");
                connection.createStatement().execute("INSERT INTO crates (name) VALUES ('serde')");
                database.stopServer();
                assertThrows(SQLException.class, () -> connection.createStatement().execute("SELECT 1"),
                        "the session ended with the server");
            }
            assertThrows(SQLException.class, () -> database.dataSource().getConnection().close(), "nothing listens");
            database.startServer();
            database.startServer(); // running: nothing to do
            assertEquals(port, database.port());
            assertEquals(List.of("serde"), MigrationsTest.strings(database.dataSource(), "SELECT name FROM crates"),
                    "committed before the crash, there after the recovery");
            database.stopServer();
            database.startServer();
            assertEquals(List.of("1"), MigrationsTest.strings(database.dataSource(), "SELECT count(*) FROM crates"),
                    "and again: a second stop finds the restarted postmaster");
        }
    }
}
