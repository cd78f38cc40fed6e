package rs.builds.database.temp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TempDatabaseTest {
    @Test
    void createsMigratedEmptyDatabaseAndDropsItOnClose() throws SQLException {
        TempDatabase database = TempDatabase.create();
        assertTrue(database.exists());
        assertEquals(List.of("0"), MigrationsTest.strings(database.dataSource(), "SELECT count(*) FROM crates"));
        database.close();
        assertFalse(database.exists());
    }

    @Test
    void databasesAreIndependent() throws SQLException {
        try (TempDatabase first = TempDatabase.create(); TempDatabase second = TempDatabase.create()) {
            assertNotEquals(first.name(), second.name());
            try (Connection connection = first.dataSource().getConnection()) {
                connection.createStatement().execute("INSERT INTO crates (name) VALUES ('serde')");
            }
            assertEquals(List.of("1"), MigrationsTest.strings(first.dataSource(), "SELECT count(*) FROM crates"));
            assertEquals(List.of("0"), MigrationsTest.strings(second.dataSource(), "SELECT count(*) FROM crates"));
        }
    }

    @Test
    void closeDropsEvenWithOpenConnections() throws SQLException {
        TempDatabase database = TempDatabase.create();
        try (Connection open = database.dataSource().getConnection()) {
            database.close();
            assertFalse(database.exists());
        } catch (SQLException expected) {
            // closing the connection the drop terminated may itself report that it is gone
        }
        assertFalse(database.exists());
    }

    @Test
    void keptDatabaseSurvivesCloseAndSaysHowToConnect() {
        TempDatabase database = TempDatabase.create();
        String line = database.keep();
        database.close();
        try {
            assertTrue(database.exists());
            assertTrue(line.contains(database.psqlCommand()), line);
            assertTrue(database.psqlCommand().contains("/" + database.name()), database.psqlCommand());
        } finally {
            TempServer.shared().dropDatabase(database.name());
        }
    }

    @Test
    void psqlCommandConnects() throws Exception {
        try (TempDatabase database = TempDatabase.create()) {
            String url = database.psqlCommand().replaceFirst("^psql '", "").replaceFirst("'$", "");
            Process psql = new ProcessBuilder("psql", url, "-At", "-c", "SELECT count(*) FROM job_stages")
                    .redirectErrorStream(true).start();
            String output = new String(psql.getInputStream().readAllBytes()).trim();
            assertEquals(0, psql.waitFor(), output);
            assertEquals("4", output);
        }
    }
}
