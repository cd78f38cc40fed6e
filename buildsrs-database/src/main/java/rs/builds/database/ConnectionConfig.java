package rs.builds.database;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.Driver;

/**
 * How {@link Metadata#connect(ConnectionConfig)} reaches PostgreSQL. Immutable; {@link #toString()} never shows
 * the password.
 *
 * @param jdbcUrl a {@code jdbc:postgresql://host[:port]/database[?...]} URL
 * @param user user to log in as, or {@code null} to take it from the URL or the driver's default
 * @param password password, or {@code null} for none (or one given in the URL)
 * @param maxConnections size of the connection pool, 1 to {@value #MAX_CONNECTIONS}
 * @param connectTimeout how long to wait for a connection (from the server, or from a full pool) before
 *        failing; at least 250 ms
 */
public record ConnectionConfig(String jdbcUrl, String user, String password, int maxConnections,
                               Duration connectTimeout) {
    /** Largest pool size accepted. */
    public static final int MAX_CONNECTIONS = 1000;
    /** Pool size used by {@link #of(String)}. */
    public static final int DEFAULT_CONNECTIONS = 16;
    /** Connection timeout used by {@link #of(String)}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Checks every component.
     *
     * @throws InvalidInputException naming the component that is wrong and its limits
     */
    public ConnectionConfig {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new InvalidInputException("the database URL must start with jdbc:postgresql:// (got "
                    + (jdbcUrl == null ? "none" : "'" + masked(jdbcUrl) + "'") + ")");
        }
        if (parseQuietly(jdbcUrl) == null) {
            throw new InvalidInputException("malformed database URL '" + masked(jdbcUrl) + "': expected"
                    + " jdbc:postgresql://host[:port]/database[?parameters]");
        }
        if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS) {
            throw new InvalidInputException("the number of connections must be between 1 and " + MAX_CONNECTIONS
                    + " (got " + maxConnections + ")");
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.compareTo(Duration.ofMillis(250)) < 0) {
            throw new InvalidInputException("the connection timeout must be at least 250 ms (got "
                    + connectTimeout.toMillis() + " ms)");
        }
    }

    /**
     * A configuration with the default pool size and timeout.
     *
     * @param jdbcUrl a {@code jdbc:postgresql://} URL
     * @return the configuration
     * @throws InvalidInputException if the URL is not a PostgreSQL JDBC URL
     */
    public static ConnectionConfig of(String jdbcUrl) {
        return new ConnectionConfig(jdbcUrl, null, null, DEFAULT_CONNECTIONS, DEFAULT_CONNECT_TIMEOUT);
    }

    /** @return a copy with this user and password */
    public ConnectionConfig withCredentials(String user, String password) {
        return new ConnectionConfig(jdbcUrl, user, password, maxConnections, connectTimeout);
    }

    /** @return a copy with this pool size */
    public ConnectionConfig withMaxConnections(int maxConnections) {
        return new ConnectionConfig(jdbcUrl, user, password, maxConnections, connectTimeout);
    }

    /** @return a copy with this connection timeout */
    public ConnectionConfig withConnectTimeout(Duration connectTimeout) {
        return new ConnectionConfig(jdbcUrl, user, password, maxConnections, connectTimeout);
    }

    @Override
    public String toString() {
        return "ConnectionConfig[jdbcUrl=" + masked(jdbcUrl) + ", user=" + user + ", password="
                + (password == null ? "none" : "****") + ", maxConnections=" + maxConnections + ", connectTimeout="
                + connectTimeout + "]";
    }

    /**
     * The driver's URL parser, with its log off: it logs a URL it cannot parse whole, password included, and
     * java.util.logging prints that on stderr by default.
     *
     * @return the URL's properties, or {@code null} if the driver cannot parse it
     */
    private static Properties parseQuietly(String url) {
        Logger driverLog = Logger.getLogger(Driver.class.getName());
        synchronized (ConnectionConfig.class) {
            Level level = driverLog.getLevel();
            driverLog.setLevel(Level.OFF);
            try {
                return Driver.parseURL(url, null);
            } finally {
                driverLog.setLevel(level);
            }
        }
    }

    /**
     * Hides any password in a database URL, whether in a {@code password=} parameter or in {@code user:pass@}.
     *
     * @param url a database URL
     * @return the URL with each password replaced by {@code ****}
     */
    public static String masked(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1****").replaceAll("(//[^/@:]*:)[^/@]*@", "$1****@");
    }
}
