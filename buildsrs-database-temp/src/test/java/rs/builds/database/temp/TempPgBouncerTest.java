package rs.builds.database.temp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A real PgBouncer in front of the temp server. */
class TempPgBouncerTest {
    @Test
    void withLoginsEachClientReachesTheServerAsItself() throws SQLException {
        String login = "temp_bouncer_" + UUID.randomUUID().toString().substring(0, 8);
        try (TempDatabase database = TempDatabase.create()) {
            try (Connection admin = database.dataSource().getConnection()) {
                admin.createStatement().execute("CREATE ROLE " + login + " LOGIN PASSWORD 'secret'");
            }
            try (TempPgBouncer bouncer = TempPgBouncer.start(database, "transaction", 2, Map.of(login, "secret"))) {
                assertEquals(login, currentUser(bouncer, login));
                assertEquals(login, currentUser(bouncer, login), "on the login's own server connection again");
            } finally {
                try (Connection admin = database.dataSource().getConnection()) {
                    admin.createStatement().execute("DROP ROLE " + login);
                }
            }
        }
    }

    @Test
    void withoutLoginsEveryClientIsTheTempServersUser() throws SQLException {
        try (TempDatabase database = TempDatabase.create();
             TempPgBouncer bouncer = TempPgBouncer.start(database, "transaction", 2)) {
            assertEquals(database.user(), currentUser(bouncer, "anyone"));
        }
    }

    private static String currentUser(TempPgBouncer bouncer, String user) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("prepareThreshold", "0");
        try (Connection connection = DriverManager.getConnection(bouncer.jdbcUrl().replaceAll("\\?.*", ""), properties);
             ResultSet rows = connection.createStatement().executeQuery("SELECT current_user")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
