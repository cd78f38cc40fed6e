package rs.builds.database.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.ConnectionConfig;

/** The embedded default lets in only those who know the password kept in the data directory. */
class EmbeddedServerTest {
    @TempDir
    Path dir;

    private static void assertPasswordsOnly(EmbeddedServer server, Path dataDir) throws Exception {
        Path file = dataDir.resolve(EmbeddedServer.PASSWORD_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String password = Files.readString(file).strip();
        ConnectionConfig config = server.connectionConfig();
        assertEquals(password, config.password());
        String url = config.jdbcUrl();
        assertFalse(url.contains(password), "the password stays out of the URL: " + url);
        SQLException asked = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(url, "postgres", "").close());
        assertTrue(asked.getMessage().contains("requested SCRAM"), asked.getMessage()); // the server wants one
        SQLException refused = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(url, "postgres", "guess").close());
        assertEquals("28P01", refused.getSQLState(), refused.getMessage()); // invalid_password
        try (Connection connection = DriverManager.getConnection(url, "postgres", password)) {
            assertTrue(connection.isValid(5));
        }
    }

    @Test
    void aNewClusterTakesPasswordsOnly() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(dir)) {
            assertPasswordsOnly(server, dir);
        }
        try (EmbeddedServer again = EmbeddedServer.start(dir)) {
            assertPasswordsOnly(again, dir);
        }
    }

    @Test
    void aClusterThatTrustedEveryoneGetsAPassword() throws Exception {
        // what earlier versions made: zonky's defaults, which trust every local connection
        EmbeddedPostgres.builder().setDataDirectory(dir.resolve("postgres")).setCleanDataDirectory(false).start().close();
        assertFalse(Files.exists(dir.resolve(EmbeddedServer.PASSWORD_FILE)));
        try (EmbeddedServer server = EmbeddedServer.start(dir)) {
            assertPasswordsOnly(server, dir);
        }
        try (EmbeddedServer again = EmbeddedServer.start(dir)) {
            assertPasswordsOnly(again, dir);
        }
    }
}
