package rs.builds.database.temp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The standby is a real streaming replica of the temp server: it replays, refuses writes, stops and starts. */
class TempStandbyTest {
    @BeforeAll
    static void embeddedServerOnly() {
        assumeTrue(TempStandby.available(), "a standby needs the embedded temp server");
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }

    private static long count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM crates")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void replaysWhatThePrimaryCommitsAndRefusesWrites() throws SQLException {
        TempStandby standby = TempStandby.shared();
        try (TempDatabase database = TempDatabase.create()) {
            standby.awaitReplay();
            try (Connection primary = connect(database.jdbcUrl());
                 Connection replica = connect(standby.jdbcUrl(database));
                 Statement write = primary.createStatement();
                 Statement replicaStatement = replica.createStatement()) {
                try (ResultSet rows = replicaStatement.executeQuery("SELECT pg_is_in_recovery()")) {
                    rows.next();
                    assertTrue(rows.getBoolean(1), "the standby is in recovery");
                }
                assertEquals(0, count(replica));
                write.execute("INSERT INTO crates (name) VALUES ('serde')");
                standby.awaitReplay();
                assertEquals(1, count(replica));

                SQLException refused = assertThrows(SQLException.class,
                        () -> replicaStatement.execute("INSERT INTO crates (name) VALUES ('tokio')"));
                assertEquals("25006", refused.getSQLState(), refused.getMessage());

                standby.pauseReplay();
                try {
                    write.execute("INSERT INTO crates (name) VALUES ('rand')");
                    assertEquals(2, count(primary));
                    assertEquals(1, count(replica), "replay is paused");
                } finally {
                    standby.resumeReplay();
                }
                standby.awaitReplay();
                assertEquals(2, count(replica));
            }
        }
    }

    @Test
    void stopsAndStartsAgain() throws SQLException {
        TempStandby standby = TempStandby.shared();
        standby.stop();
        assertFalse(standby.running());
        assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:postgresql://localhost:"
                + standby.port() + "/postgres?user=postgres&connectTimeout=2"));
        assertTrue(TempStandby.shared().running(), "shared() starts it again");
        try (TempDatabase database = TempDatabase.create()) {
            standby.awaitReplay();
            try (Connection replica = connect(standby.jdbcUrl(database))) {
                assertEquals(0, count(replica));
            }
        }
    }
}
