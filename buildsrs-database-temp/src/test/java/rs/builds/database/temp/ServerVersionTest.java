package rs.builds.database.temp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The server the tests run on is the PostgreSQL major the build asked for ({@code -Ppostgres-13} etc. set
 * {@code postgres.major}, which Surefire passes as {@value #PROPERTY}), so a run meant for one major that silently
 * got the binaries of another cannot pass.
 */
@Tag("contract")
class ServerVersionTest {
    static final String PROPERTY = "buildsrs.test.postgres.major";

    @Test
    void serverIsTheMajorVersionAskedFor() throws SQLException {
        String asked = System.getProperty(PROPERTY);
        assertNotNull(asked, "system property " + PROPERTY + " is not set: run the tests through Maven, whose"
                + " Surefire configuration passes it");
        try (TempDatabase database = TempDatabase.create();
             Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW server_version_num")) {
            rows.next();
            // e.g. 130022 for 13.22, 170006 for 17.6
            int major = Integer.parseInt(rows.getString(1)) / 10000;
            assertEquals(Integer.parseInt(asked.trim()), major, "the tests asked for PostgreSQL " + asked
                    + " but run on " + major + " (server " + database.host() + ":" + database.port() + ")");
        }
    }
}
