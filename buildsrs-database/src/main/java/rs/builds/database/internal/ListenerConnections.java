package rs.builds.database.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.InvalidInputException;
import rs.builds.database.Pooler;

/**
 * Where a queue listener gets its connection, first and after losing one (a Jdbi {@code ConnectionFactory}, so the
 * listener runs the same SQL files as every handle).
 */
interface ListenerConnections extends ConnectionFactory {
    /** @return for messages: where the listener connects */
    String describe();

    /**
     * Connections of a caller's data source ({@code Metadata.open}).
     *
     * @param dataSource where they come from
     * @return the connections
     */
    static ListenerConnections of(DataSource dataSource) {
        return new ListenerConnections() {
            @Override
            public Connection openConnection() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public String describe() {
                return "the data source";
            }
        };
    }

    /**
     * Direct connections of their own, outside the pool: the listen URL, or else the primary URL unless a
     * transaction pooler is in front of it (it would drop LISTEN with the transaction).
     *
     * @param config the configuration
     * @return the connections, or {@code null} if the configuration gives nowhere to listen
     */
    static ListenerConnections of(ConnectionConfig config) {
        String url = config.listenUrl() != null ? config.listenUrl()
                : config.pooler() == Pooler.TRANSACTION ? null : config.jdbcUrl();
        if (url == null) {
            return null;
        }
        Properties settings = new Properties();
        settings.setProperty("connectTimeout", Long.toString(Math.max(1, config.connectTimeout().toSeconds())));
        // a listener mostly waits: without keepalives a connection that died silently (a NAT, a failover) is noticed
        // only by the await timeouts
        settings.setProperty("tcpKeepAlive", "true");
        settings.setProperty("ApplicationName", "buildsrs-database queue listener");
        ConnectionFactory connections = ConnectionPool.direct(url, config,
                config.listenUrl() != null ? Pooler.NONE : config.pooler(), settings);
        return new ListenerConnections() {
            @Override
            public Connection openConnection() throws SQLException {
                return connections.openConnection();
            }

            @Override
            public String describe() {
                return ConnectionPool.hostAndPort(url);
            }
        };
    }

    /** @return the error {@code queueListener()} throws when a configuration gives nowhere to listen */
    static InvalidInputException nowhereToListen() {
        return new InvalidInputException("cannot listen for queue notifications through a transaction pooler: it"
                + " drops LISTEN when the transaction ends. Give a URL that reaches the server directly"
                + " (ConnectionConfig.withListenUrl, --database-postgres-listen or DATABASE_POSTGRES_LISTEN)");
    }
}
