package rs.builds.database;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * How {@link Metadata#connect(ConnectionConfig)} reaches PostgreSQL. Immutable; {@link #toString()} never shows
 * a password.
 *
 * <p>Besides the primary (where every write and {@link Metadata#read()} go), a configuration may name:
 * <ul>
 * <li>the pooler in front of the primary ({@link #withPooler(Pooler)}): behind PgBouncer in transaction mode the
 *     library keeps no state in server sessions and prepares no statements on the server;</li>
 * <li>a direct URL for the queue listener ({@link #withListenUrl(String)}), which needs {@code LISTEN} and so a
 *     session of its own; without one it uses the primary URL, except behind a transaction pooler, where
 *     {@link Metadata#queueListener()} refuses to start;</li>
 * <li>a streaming replica ({@link #withReplica(String)}) for {@link Metadata#readReplica()}.</li>
 * </ul>
 * The listen and replica URLs log in with {@link #user()} and {@link #password()} unless they name a
 * {@code user} (and {@code password}) of their own.
 *
 * @param jdbcUrl a {@code jdbc:postgresql://host[:port]/database[?...]} URL of the primary (or its pooler)
 * @param user user to log in as, or {@code null} to take it from the URL or the driver's default
 * @param password password, or {@code null} for none (or one given in the URL)
 * @param maxConnections size of the connection pool, 1 to {@value #MAX_CONNECTIONS} (the replica's pool has the
 *        same size)
 * @param minIdle connections the pool keeps open while idle, 0 to {@value #MAX_CONNECTIONS} (at most
 *        {@code maxConnections} are kept): the pool starts with these, opens more on demand up to
 *        {@code maxConnections}, and closes those above {@code minIdle} after ten idle minutes (HikariCP's idle
 *        timeout), so a short-lived {@link Metadata} holds few of the server's connections (PostgreSQL allows 100 by
 *        default). Set it to {@code maxConnections} for a fixed-size pool, whose connections are ready for a
 *        burst.
 * @param connectTimeout how long to wait for a connection (from the server, or from a full pool) before
 *        failing; at least 250 ms
 * @param pooler what sits in front of the primary; {@link Pooler#NONE} for a direct connection
 * @param listenUrl a {@code jdbc:postgresql://} URL reaching the primary directly, for the queue listener, or
 *        {@code null} to listen through {@code jdbcUrl}
 * @param replicaUrl a {@code jdbc:postgresql://} URL of a streaming replica, or {@code null} for none
 */
public record ConnectionConfig(String jdbcUrl, String user, String password, int maxConnections, int minIdle,
                               Duration connectTimeout, Pooler pooler, String listenUrl, String replicaUrl) {
    /** Largest pool size accepted. */
    public static final int MAX_CONNECTIONS = 1000;
    /** Pool size used by {@link #of(String)}. */
    public static final int DEFAULT_CONNECTIONS = 16;
    /** Idle connections kept by {@link #of(String)} and the shorter constructor: few, so idle pools stay small. */
    public static final int DEFAULT_MIN_IDLE = 2;
    /** Connection timeout used by {@link #of(String)}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Checks every component.
     *
     * @param jdbcUrl a {@code jdbc:postgresql://} URL of the primary (or its pooler)
     * @param user user to log in as, or {@code null}
     * @param password password, or {@code null}
     * @param maxConnections size of the connection pool, 1 to {@value #MAX_CONNECTIONS}
     * @param minIdle connections kept open while idle, 0 to {@value #MAX_CONNECTIONS}
     * @param connectTimeout how long to wait for a connection; at least 250 ms
     * @param pooler what sits in front of the primary
     * @param listenUrl a URL reaching the primary directly, for the queue listener, or {@code null}
     * @param replicaUrl a URL of a streaming replica, or {@code null}
     * @throws InvalidInputException naming the component that is wrong and its limits
     */
    public ConnectionConfig {
        checkUrl("the database URL", jdbcUrl);
        if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS) {
            throw new InvalidInputException("the number of connections must be between 1 and " + MAX_CONNECTIONS
                    + " (got " + maxConnections + ")");
        }
        if (minIdle < 0 || minIdle > MAX_CONNECTIONS) {
            throw new InvalidInputException("the number of idle connections to keep must be between 0 and "
                    + MAX_CONNECTIONS + " (got " + minIdle + ")");
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.compareTo(Duration.ofMillis(250)) < 0) {
            throw new InvalidInputException("the connection timeout must be at least 250 ms (got "
                    + connectTimeout.toMillis() + " ms)");
        }
        if (pooler == null) {
            throw new InvalidInputException("the pooler mode must be given (Pooler.NONE for a direct connection)");
        }
        if (pooler == Pooler.TRANSACTION) {
            String threshold = parseQuietly(jdbcUrl).getProperty("prepareThreshold");
            if (threshold != null && !threshold.trim().equals("0")) {
                throw new InvalidInputException("the database URL sets prepareThreshold=" + threshold + ", but behind a"
                        + " transaction pooler statements prepared on one server connection are missing on the next;"
                        + " remove prepareThreshold from the URL (the library sets it to 0 in transaction mode)");
            }
        }
        if (listenUrl != null) {
            checkUrl("the listen URL", listenUrl);
        }
        if (replicaUrl != null) {
            checkUrl("the replica URL", replicaUrl);
        }
    }

    /**
     * A configuration with the components of earlier versions: a direct connection (no pooler), listening
     * through the primary URL, no replica, {@value #DEFAULT_MIN_IDLE} idle connections kept.
     *
     * @param jdbcUrl a {@code jdbc:postgresql://} URL
     * @param user user to log in as, or {@code null}
     * @param password password, or {@code null}
     * @param maxConnections size of the connection pool
     * @param connectTimeout connection timeout
     * @throws InvalidInputException naming the component that is wrong and its limits
     */
    public ConnectionConfig(String jdbcUrl, String user, String password, int maxConnections,
                            Duration connectTimeout) {
        this(jdbcUrl, user, password, maxConnections, DEFAULT_MIN_IDLE, connectTimeout, Pooler.NONE, null, null);
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

    /**
     * {@return a copy with this user and password}
     *
     * @param user user to log in as, or {@code null}
     * @param password password, or {@code null}
     */
    public ConnectionConfig withCredentials(String user, String password) {
        return new ConnectionConfig(jdbcUrl, user, password, maxConnections, minIdle, connectTimeout, pooler, listenUrl,
                replicaUrl);
    }

    /**
     * {@return a copy with this pool size}
     *
     * @param maxConnections size of the connection pool, 1 to {@value #MAX_CONNECTIONS}
     * @throws InvalidInputException if the size is out of range
     */
    public ConnectionConfig withMaxConnections(int maxConnections) {
        return new ConnectionConfig(jdbcUrl, user, password, maxConnections, minIdle, connectTimeout, pooler, listenUrl,
                replicaUrl);
    }

    /**
     * {@return a copy keeping this many connections open while idle}
     *
     * @param minIdle connections kept open while idle, 0 to {@value #MAX_CONNECTIONS}; the pool keeps at most
     *        {@link #maxConnections()}, so {@code withMinIdle(maxConnections)} makes a fixed-size pool
     * @throws InvalidInputException if the number is out of range
     */
    public ConnectionConfig withMinIdle(int minIdle) {
        return new ConnectionConfig(jdbcUrl, user, password, maxConnections, minIdle, connectTimeout, pooler, listenUrl,
                replicaUrl);
    }

    /**
     * {@return a copy with this connection timeout}
     *
     * @param connectTimeout how long to wait for a connection; at least 250 ms
     * @throws InvalidInputException if the timeout is shorter
     */
    public ConnectionConfig withConnectTimeout(Duration connectTimeout) {
        return new ConnectionConfig(jdbcUrl, user, password, maxConnections, minIdle, connectTimeout, pooler, listenUrl,
                replicaUrl);
    }

    /**
     * {@return a copy with this pooler mode}
     *
     * @param pooler what sits in front of the primary URL
     * @throws InvalidInputException if {@code pooler} is null, or is {@link Pooler#TRANSACTION} while the URL asks
     *         for server-side prepared statements ({@code prepareThreshold} other than 0)
     */
    public ConnectionConfig withPooler(Pooler pooler) {
        return new ConnectionConfig(jdbcUrl, user, password, maxConnections, minIdle, connectTimeout, pooler, listenUrl,
                replicaUrl);
    }

    /**
     * {@return a copy with this listen URL}
     *
     * @param listenUrl a {@code jdbc:postgresql://} URL reaching the primary directly (not through a transaction
     *        pooler), for {@link Metadata#queueListener()}; {@code null} to listen through the primary URL
     * @throws InvalidInputException if the URL is malformed
     */
    public ConnectionConfig withListenUrl(String listenUrl) {
        return new ConnectionConfig(jdbcUrl, user, password, maxConnections, minIdle, connectTimeout, pooler, listenUrl,
                replicaUrl);
    }

    /**
     * {@return a copy with this replica}
     *
     * @param replicaUrl a {@code jdbc:postgresql://} URL of a streaming replica of the primary, for
     *        {@link Metadata#readReplica()}; {@code null} for none
     * @throws InvalidInputException if the URL is malformed
     */
    public ConnectionConfig withReplica(String replicaUrl) {
        return new ConnectionConfig(jdbcUrl, user, password, maxConnections, minIdle, connectTimeout, pooler, listenUrl,
                replicaUrl);
    }

    /**
     * An unpooled data source on the primary URL with these credentials, connection timeout (in whole seconds, at
     * least one) and pooler mode, for tools that open a connection or two of their own: migrations
     * ({@code Migrations.of(config.dataSource()).migrate()}) and roles. A consumer thus needs no
     * {@code requires org.postgresql.jdbc} of its own. Each {@code getConnection()} opens a new connection.
     *
     * @return a new data source
     */
    public DataSource dataSource() {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(jdbcUrl);
        if (user != null) {
            source.setUser(user);
        }
        if (password != null) {
            source.setPassword(password);
        }
        source.setConnectTimeout((int) Math.max(1, connectTimeout.toSeconds()));
        if (pooler == Pooler.TRANSACTION) {
            // no statement prepared on one server connection and used on another
            source.setPrepareThreshold(0);
        }
        return source;
    }

    @Override
    public String toString() {
        return "ConnectionConfig[jdbcUrl=" + masked(jdbcUrl) + ", user=" + user + ", password="
                + (password == null ? "none" : "****") + ", maxConnections=" + maxConnections + ", minIdle=" + minIdle
                + ", connectTimeout="
                + connectTimeout + ", pooler=" + pooler.word() + ", listenUrl="
                + (listenUrl == null ? "none" : masked(listenUrl)) + ", replicaUrl="
                + (replicaUrl == null ? "none" : masked(replicaUrl)) + "]";
    }

    private static void checkUrl(String what, String url) {
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            throw new InvalidInputException(what + " must start with jdbc:postgresql:// (got "
                    + (url == null ? "none" : "'" + masked(url) + "'") + ")");
        }
        if (parseQuietly(url) == null) {
            throw new InvalidInputException("malformed " + what.substring("the ".length()) + " '" + masked(url)
                    + "': expected jdbc:postgresql://host[:port]/database[?parameters]");
        }
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
