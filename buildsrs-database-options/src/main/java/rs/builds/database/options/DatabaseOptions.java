package rs.builds.database.options;

import java.util.Optional;
import java.util.function.UnaryOperator;
import org.kohsuke.args4j.Option;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.InvalidInputException;
import rs.builds.database.Metadata;
import rs.builds.database.Pooler;

/**
 * The database connection options of every buildsrs service. Add an instance to an args4j command line
 * (for example with {@code new CmdLineParser(this)} on an object holding it as an {@code @Argument}-free
 * field via {@link org.kohsuke.args4j.ClassParser}); options not given fall back to environment variables.
 *
 * <table>
 * <caption>Options</caption>
 * <tr><th>option</th><th>environment</th><th>default</th></tr>
 * <tr><td>{@code --database KIND}</td><td>{@code DATABASE_KIND}</td><td>{@code postgres}</td></tr>
 * <tr><td>{@code --database-postgres URL}</td><td>{@code DATABASE_POSTGRES}</td><td>none</td></tr>
 * <tr><td>{@code --database-postgres-connections N}</td><td>{@code DATABASE_POSTGRES_CONNECTIONS}</td>
 *     <td>16</td></tr>
 * <tr><td>{@code --database-postgres-min-idle N}</td><td>{@code DATABASE_POSTGRES_MIN_IDLE}</td>
 *     <td>2: connections kept open while idle (see {@link ConnectionConfig#minIdle()})</td></tr>
 * <tr><td>{@code --database-postgres-pooler MODE}</td><td>{@code DATABASE_POSTGRES_POOLER}</td>
 *     <td>{@code none} ({@code session}, {@code transaction}: see {@link Pooler})</td></tr>
 * <tr><td>{@code --database-postgres-listen URL}</td><td>{@code DATABASE_POSTGRES_LISTEN}</td>
 *     <td>the main URL (required with {@code --database-postgres-pooler transaction} for the queue listener)</td></tr>
 * <tr><td>{@code --database-postgres-replica URL}</td><td>{@code DATABASE_POSTGRES_REPLICA}</td><td>none</td></tr>
 * </table>
 * The listen and replica URLs take the same forms as the main one; without credentials of their own they log in
 * as the main URL does.
 */
public final class DatabaseOptions {
    /** The only database kind supported today. */
    public static final String POSTGRES = "postgres";

    @Option(name = "--database", metaVar = "KIND", usage = "database kind (env DATABASE_KIND; only 'postgres')")
    private String kind;

    @Option(name = "--database-postgres", metaVar = "URL",
            usage = "PostgreSQL URL, postgres://user:pass@host:port/db or jdbc:postgresql://... (env DATABASE_POSTGRES)")
    private String postgresUrl;

    @Option(name = "--database-postgres-connections", metaVar = "N",
            usage = "connection pool size, 1 to 1000 (env DATABASE_POSTGRES_CONNECTIONS; default 16)")
    private String connections;

    @Option(name = "--database-postgres-min-idle", metaVar = "N",
            usage = "connections the pool keeps open while idle, 0 to the pool size (env DATABASE_POSTGRES_MIN_IDLE;"
                    + " default 2)")
    private String minIdle;

    @Option(name = "--database-postgres-pooler", metaVar = "MODE",
            usage = "what is in front of the server: none, session or transaction (env DATABASE_POSTGRES_POOLER;"
                    + " default none)")
    private String pooler;

    @Option(name = "--database-postgres-listen", metaVar = "URL",
            usage = "direct URL of the server for queue notifications; needed behind a transaction pooler"
                    + " (env DATABASE_POSTGRES_LISTEN; default the main URL)")
    private String listenUrl;

    @Option(name = "--database-postgres-replica", metaVar = "URL",
            usage = "URL of a streaming replica for reads that may lag (env DATABASE_POSTGRES_REPLICA)")
    private String replicaUrl;

    private final UnaryOperator<String> environment;

    /** Options falling back to the process environment. */
    public DatabaseOptions() {
        this(System::getenv);
    }

    /**
     * Options falling back to the given environment, for tests and embedding.
     *
     * @param environment looks up an environment variable, returning {@code null} when unset
     */
    public DatabaseOptions(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /**
     * {@return the database kind}
     *
     * @throws InvalidInputException listing the supported kinds if another was given
     */
    public String kind() {
        String value = valueOf(kind, "DATABASE_KIND");
        if (value == null) {
            return POSTGRES;
        }
        if (!value.equals(POSTGRES)) {
            throw new InvalidInputException("unknown database kind " + shortened(value) + "; supported kinds: "
                    + POSTGRES);
        }
        return value;
    }

    /**
     * {@return the PostgreSQL location given by option or environment, or empty if none was given}
     *
     * @throws InvalidInputException if the kind or URL is malformed (password masked)
     */
    public Optional<PostgresUrl> postgresUrl() {
        kind();
        return Optional.ofNullable(valueOf(postgresUrl, "DATABASE_POSTGRES")).map(PostgresUrl::parse);
    }

    /**
     * {@return the connection pool size}
     *
     * @throws InvalidInputException if it is not a whole number from 1 to 1000
     */
    public int connections() {
        String value = valueOf(connections, "DATABASE_POSTGRES_CONNECTIONS");
        if (value == null) {
            return ConnectionConfig.DEFAULT_CONNECTIONS;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= 1 && number <= ConnectionConfig.MAX_CONNECTIONS) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, with the limits
        }
        throw new InvalidInputException("--database-postgres-connections must be a whole number from 1 to "
                + ConnectionConfig.MAX_CONNECTIONS + " (got " + shortened(value) + ")");
    }

    /**
     * {@return how many connections the pool keeps open while idle}
     *
     * @throws InvalidInputException if it is not a whole number from 0 to the pool size ({@link #connections()})
     */
    public int minIdle() {
        String value = valueOf(minIdle, "DATABASE_POSTGRES_MIN_IDLE");
        int size = connections();
        if (value == null) {
            return Math.min(ConnectionConfig.DEFAULT_MIN_IDLE, size);
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= 0 && number <= size) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, with the limits
        }
        throw new InvalidInputException("--database-postgres-min-idle must be a whole number from 0 to the pool size, "
                + size + " (got " + shortened(value) + ")");
    }

    /**
     * {@return the pooler mode in front of the server}
     *
     * @throws InvalidInputException naming the accepted modes if another was given
     */
    public Pooler pooler() {
        String value = valueOf(pooler, "DATABASE_POSTGRES_POOLER");
        if (value == null) {
            return Pooler.NONE;
        }
        try {
            return Pooler.parse(value);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--database-postgres-pooler: " + e.getMessage());
        }
    }

    /**
     * {@return the direct URL for queue notifications as a JDBC URL with its own credentials, if one was given}
     *
     * @throws InvalidInputException if it is malformed (password masked)
     */
    public Optional<String> listenUrl() {
        return secondaryUrl(listenUrl, "DATABASE_POSTGRES_LISTEN", "--database-postgres-listen");
    }

    /**
     * {@return the replica's URL as a JDBC URL with its own credentials, if one was given}
     *
     * @throws InvalidInputException if it is malformed (password masked)
     */
    public Optional<String> replicaUrl() {
        return secondaryUrl(replicaUrl, "DATABASE_POSTGRES_REPLICA", "--database-postgres-replica");
    }

    /**
     * Checks the pooler, listen and replica options (and that a main URL comes with them) without connecting, so a
     * command line can report them as usage errors before it starts anything.
     *
     * @throws InvalidInputException naming the option that is wrong (password masked)
     */
    public void checkTopology() {
        Pooler mode = pooler();
        Optional<String> listen = listenUrl();
        Optional<String> replica = replicaUrl();
        if (valueOf(postgresUrl, "DATABASE_POSTGRES") == null
                && (mode != Pooler.NONE || listen.isPresent() || replica.isPresent())) {
            throw new InvalidInputException("--database-postgres-pooler, --database-postgres-listen and"
                    + " --database-postgres-replica need --database-postgres URL (or DATABASE_POSTGRES) too");
        }
    }

    /**
     * {@return the connection configuration, or empty if no URL was given}
     *
     * @throws InvalidInputException if any option is malformed, or a pooler, listen or replica option was given
     *         without a URL
     */
    public Optional<ConnectionConfig> connectionConfig() {
        int size = connections();
        int idle = minIdle();
        checkTopology();
        return postgresUrl().map(url -> url.toConfig(size).withMinIdle(idle).withPooler(pooler())
                .withListenUrl(listenUrl().orElse(null)).withReplica(replicaUrl().orElse(null)));
    }

    /**
     * Connects to the configured database with a pool of the configured size.
     *
     * @return the metadata API; close it to close the pool
     * @throws InvalidInputException if no URL was given or an option is malformed
     * @throws rs.builds.database.DatabaseUnavailableException "cannot connect to host:port (reason)"
     */
    public Metadata connect() {
        return Metadata.connect(connectionConfig().orElseThrow(() -> new InvalidInputException(
                "no database given: pass --database-postgres URL or set DATABASE_POSTGRES")));
    }

    private Optional<String> secondaryUrl(String option, String variable, String name) {
        kind();
        String value = valueOf(option, variable);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(PostgresUrl.parse(value).jdbcUrlWithCredentials());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(name + ": " + e.getMessage());
        }
    }

    /** A value as messages quote it: whole if short, else its start and length. */
    private static String shortened(String value) {
        return value.length() <= 40 ? "'" + value + "'" : "'" + value.substring(0, 20) + "…' (" + value.length()
                + " characters)";
    }

    private String valueOf(String option, String variable) {
        if (option != null) {
            return option;
        }
        String value = environment.apply(variable);
        return value == null || value.isEmpty() ? null : value;
    }
}
