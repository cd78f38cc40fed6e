package rs.builds.database.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.net.UnknownHostException;
import java.time.Duration;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.jdbi.v3.core.ConnectionFactory;
import org.postgresql.Driver;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.DatabaseUnavailableException;
import rs.builds.database.Pooler;

/** Opens the HikariCP pools behind {@code Metadata.connect}, checking the server is reachable first. */
public final class ConnectionPool {
    private ConnectionPool() {
    }

    /**
     * @param config validated connection settings
     * @return a started pool on the primary (or its pooler) with at least one working connection
     * @throws DatabaseUnavailableException "cannot connect to host:port (reason)" if the server cannot be reached
     */
    public static HikariDataSource open(ConnectionConfig config) {
        return open("buildsrs-database", config.jdbcUrl(), config);
    }

    /**
     * @param name the pool's name, in HikariCP's log and thread names
     * @param jdbcUrl the server to connect to
     * @param config credentials, sizes, timeouts and the pooler mode
     * @return a started pool with at least one working connection
     * @throws DatabaseUnavailableException "cannot connect to host:port (reason)" if the server cannot be reached
     */
    static HikariDataSource open(String name, String jdbcUrl, ConnectionConfig config) {
        HikariConfig hikari = hikariConfig(name, jdbcUrl, config);
        try {
            return new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable reason = e.getCause() != null ? e.getCause() : e;
            throw new DatabaseUnavailableException("cannot connect to " + hostAndPort(jdbcUrl) + " ("
                    + reason(reason) + ")", e);
        }
    }

    /** The driver says only "The connection attempt failed." for a host name that does not resolve: name it. */
    private static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return "unknown host '" + cause.getMessage() + "': check the host name in the database URL";
            }
        }
        return failure.getMessage();
    }

    /**
     * A pool on the configuration's replica that starts whether or not the replica answers (its connections come
     * when it does) and gives up on a connection after {@code timeout}, so that reads can turn to the primary soon.
     *
     * @param config connection settings with a replica URL
     * @param timeout how long to wait for a connection of the replica
     * @return the pool, started
     */
    static HikariDataSource openReplica(ConnectionConfig config, Duration timeout) {
        HikariConfig hikari = hikariConfig("buildsrs-database-replica", config.replicaUrl(), config);
        hikari.setConnectionTimeout(timeout.toMillis());
        hikari.setInitializationFailTimeout(-1);
        return new HikariDataSource(hikari);
    }

    private static HikariConfig hikariConfig(String name, String jdbcUrl, ConnectionConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setDriverClassName(Driver.class.getName());
        hikari.setJdbcUrl(jdbcUrl);
        driverProperties(config.pooler()).forEach((key, value) -> hikari.addDataSourceProperty((String) key, value));
        if (config.user() != null) {
            hikari.setUsername(config.user());
        }
        if (config.password() != null) {
            hikari.setPassword(config.password());
        }
        hikari.setMaximumPoolSize(config.maxConnections());
        // few connections while idle, by default (HikariCP advises a fixed-size pool, whose connections are ready for
        // a burst; but short-lived instances each holding a full pool run out of the server's connections): those
        // above it close after HikariCP's idle timeout, ten minutes
        hikari.setMinimumIdle(Math.min(config.minIdle(), config.maxConnections()));
        hikari.setConnectionTimeout(config.connectTimeout().toMillis());
        hikari.setAutoCommit(true);
        hikari.setExceptionOverride(new BrokenConnections());
        return hikari;
    }

    /**
     * The driver settings a pooler mode needs: behind a transaction pooler, no statement is prepared on the server,
     * since the next transaction may run on a server connection that never saw it (or saw another statement of the
     * same name, prepared by another client).
     *
     * @param pooler what is in front of the server
     * @return properties for the PostgreSQL driver
     */
    public static Properties driverProperties(Pooler pooler) {
        Properties properties = new Properties();
        if (pooler == Pooler.TRANSACTION) {
            properties.setProperty("prepareThreshold", "0");
        }
        return properties;
    }

    /**
     * Unpooled connections of their own to one server, for what must not take a pool's connection (the queue
     * listener, the replica's status).
     *
     * @param url the server's JDBC URL; its own user and password, if any, win over the configuration's (the driver
     *        reads the URL last)
     * @param config credentials
     * @param pooler what is in front of that URL
     * @param settings further driver properties (timeouts, application name)
     * @return a connection factory opening a new connection on every call
     */
    static ConnectionFactory direct(String url, ConnectionConfig config, Pooler pooler, Properties settings) {
        Properties properties = driverProperties(pooler);
        if (config.user() != null) {
            properties.setProperty("user", config.user());
        }
        if (config.password() != null) {
            properties.setProperty("password", config.password());
        }
        properties.putAll(settings);
        Driver driver = new Driver();
        return () -> {
            Connection connection = driver.connect(url, properties);
            if (connection == null) { // the URL was checked by ConnectionConfig; a driver never says no to it
                throw new SQLException("the driver does not accept " + ConnectionConfig.masked(url), "08001");
            }
            return connection;
        };
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
