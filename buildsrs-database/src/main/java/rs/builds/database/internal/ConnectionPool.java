package rs.builds.database.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.util.Properties;
import org.postgresql.Driver;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.DatabaseUnavailableException;

/** Opens the HikariCP pool behind {@code Metadata.connect}, checking the server is reachable first. */
public final class ConnectionPool {
    private ConnectionPool() {
    }

    /**
     * @param config validated connection settings
     * @return a started pool with at least one working connection
     * @throws DatabaseUnavailableException "cannot connect to host:port (reason)" if the server cannot be reached
     */
    public static HikariDataSource open(ConnectionConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("buildsrs-database");
        hikari.setDriverClassName(Driver.class.getName());
        hikari.setJdbcUrl(config.jdbcUrl());
        if (config.user() != null) {
            hikari.setUsername(config.user());
        }
        if (config.password() != null) {
            hikari.setPassword(config.password());
        }
        hikari.setMaximumPoolSize(config.maxConnections());
        // a fixed-size pool, as HikariCP advises: a burst of requests finds connections ready instead of
        // waiting for the pool to open them one by one
        hikari.setMinimumIdle(config.maxConnections());
        hikari.setConnectionTimeout(config.connectTimeout().toMillis());
        hikari.setAutoCommit(true);
        try {
            return new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable reason = e.getCause() != null ? e.getCause() : e;
            throw new DatabaseUnavailableException("cannot connect to " + hostAndPort(config.jdbcUrl()) + " ("
                    + reason.getMessage() + ")", e);
        }
    }

    /** @return {@code host:port} of a PostgreSQL JDBC URL, for messages */
    static String hostAndPort(String jdbcUrl) {
        Properties props = Driver.parseURL(jdbcUrl, null); // ConnectionConfig checked it parses, without logging
        if (props == null) {
            return ConnectionConfig.masked(jdbcUrl);
        }
        return props.getProperty("PGHOST", "localhost") + ":" + props.getProperty("PGPORT", "5432");
    }
}
