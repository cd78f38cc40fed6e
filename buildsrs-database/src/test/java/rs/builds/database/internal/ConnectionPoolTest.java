package rs.builds.database.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempDatabaseExtension;

/**
 * The pool keeps {@link ConnectionConfig#minIdle()} connections while idle, not its maximum: it starts with them and
 * opens more only on demand. (That it closes those above after HikariCP's idle timeout is HikariCP's: its timeout
 * has a floor of ten seconds and its housekeeping runs every thirty, so this checks the settings it gets.)
 */
@ExtendWith(TempDatabaseExtension.class)
class ConnectionPoolTest {
    @Test
    void anIdlePoolHoldsMinIdleConnectionsAndGrowsOnDemandToTheMaximum(TempDatabase database) throws SQLException {
        ConnectionConfig config = ConnectionConfig.of(database.jdbcUrl())
                .withCredentials(database.user(), database.password()).withMaxConnections(6).withMinIdle(1);
        try (HikariDataSource pool = ConnectionPool.open(config)) {
            assertEquals(List.of(6, 1), List.of(pool.getMaximumPoolSize(), pool.getMinimumIdle()));
            assertEquals(600_000, pool.getIdleTimeout(), "connections above minIdle close after ten idle minutes");
            try (Connection one = pool.getConnection()) {
                assertEquals(1, serverConnections(database), "one connection in use, none opened beside it");
            }
            List<Connection> burst = new ArrayList<>();
            try {
                for (int i = 0; i < 6; i++) {
                    burst.add(pool.getConnection());
                }
                assertEquals(6, serverConnections(database));
            } finally {
                for (Connection connection : burst) {
                    connection.close();
                }
            }
        }
    }

    @Test
    void minIdleAboveTheMaximumIsAFixedSizePool(TempDatabase database) {
        ConnectionConfig config = ConnectionConfig.of(database.jdbcUrl())
                .withCredentials(database.user(), database.password()).withMaxConnections(2).withMinIdle(8);
        try (HikariDataSource pool = ConnectionPool.open(config)) {
            assertEquals(List.of(2, 2), List.of(pool.getMaximumPoolSize(), pool.getMinimumIdle()));
        }
        assertEquals(ConnectionConfig.DEFAULT_MIN_IDLE, ConnectionConfig.of(database.jdbcUrl()).minIdle());
    }

    @Test
    void theConfigurationsDataSourceLogsInAsItSays(TempDatabase database) throws SQLException {
        ConnectionConfig config = ConnectionConfig.of(database.jdbcUrl())
                .withCredentials(database.user(), database.password());
        try (Connection connection = config.dataSource().getConnection(); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT current_user, current_database()")) {
            row.next();
            assertEquals(List.of(database.user(), database.jdbcUrl().replaceAll(".*/([^/?]+).*", "$1")),
                    List.of(row.getString(1), row.getString(2)));
        }
    }

    /** @return the server sessions of the database other than the one asking */
    private static int serverConnections(TempDatabase database) throws SQLException {
        try (Connection watcher = database.dataSource().getConnection(); Statement sql = watcher.createStatement();
             ResultSet row = sql.executeQuery("SELECT count(*) FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            row.next();
            return row.getInt(1);
        }
    }
}
