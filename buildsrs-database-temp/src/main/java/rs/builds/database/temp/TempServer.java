package rs.builds.database.temp;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.helpers.NOP_FallbackServiceProvider;
import org.slf4j.spi.SLF4JServiceProvider;
import rs.builds.database.migrations.Migrations;

/**
 * The PostgreSQL server temp databases live on: the server named by {@value #URL_VARIABLE}, or else one
 * embedded server per JVM. It keeps one migrated template database per JVM and clones it, because
 * {@code CREATE DATABASE ... TEMPLATE} is much faster than migrating every new database.
 */
final class TempServer {
    /** Environment variable naming a JDBC URL of an existing server's maintenance database. */
    static final String URL_VARIABLE = "BUILDSRS_TEST_DATABASE_URL";

    private static TempServer shared;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final boolean embedded;
    private String template;
    /** The embedded server's data directory and postmaster command line, learned at its first stop. */
    private Path dataDirectory;
    private List<String> postmasterCommand;

    private TempServer(String host, int port, String user, String password, boolean embedded) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    /** Flyway's logger when it logs through java.util.logging, held so that its level sticks. */
    private static final Logger FLYWAY = Logger.getLogger("org.flywaydb");

    /** The server of this JVM, started or connected on first use. */
    static synchronized TempServer shared() {
        if (shared == null) {
            quietLogging();
            String url = System.getenv(URL_VARIABLE);
            shared = url == null || url.isBlank() ? startEmbedded() : external(url);
        }
        return shared;
    }

    /**
     * Tests that make databases say nothing about it unless something fails. Without an SLF4J provider (a project that
     * logs through nothing, or through java.util.logging), SLF4J (used by zonky) warns that it has none and Flyway
     * logs every migration at INFO through java.util.logging: SLF4J is told to use its no-operation provider, which is
     * what it falls back to anyway, and Flyway's java.util.logging level is WARNING. A project with an SLF4J provider
     * (logback, slf4j-simple) keeps it and decides for itself; an explicit {@code slf4j.provider} is left alone.
     */
    private static void quietLogging() {
        if (System.getProperty("slf4j.provider") == null
                && ServiceLoader.load(SLF4JServiceProvider.class, TempServer.class.getClassLoader()).findFirst().isEmpty()) {
            System.setProperty("slf4j.provider", NOP_FallbackServiceProvider.class.getName());
            // or SLF4J says, at INFO, that it uses the provider it was told to
            if (System.getProperty("slf4j.internal.verbosity") == null) {
                System.setProperty("slf4j.internal.verbosity", "WARN");
            }
        }
        if (FLYWAY.getLevel() == null) {
            FLYWAY.setLevel(Level.WARNING);
        }
    }

    private static TempServer startEmbedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    // durability buys nothing for throwaway data and costs most of the time
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    System.err.println("temp database server did not stop cleanly: " + e.getMessage());
                }
            }, "buildsrs-temp-server-stop"));
            return new TempServer("localhost", postgres.getPort(), "postgres", null, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL server: " + e.getMessage()
                    + " (set " + URL_VARIABLE + " to use an existing server instead)", e);
        }
    }

    private static TempServer external(String url) {
        Properties props = Driver.parseURL(url.trim(), null);
        if (props == null) {
            throw new IllegalStateException(URL_VARIABLE + " is not a PostgreSQL JDBC URL; expected e.g."
                    + " jdbc:postgresql://localhost:5432/postgres?user=postgres&password=...");
        }
        String host = props.getProperty("PGHOST", "localhost").split(",")[0];
        int port = Integer.parseInt(props.getProperty("PGPORT", "5432").split(",")[0]);
        return new TempServer(host, port, props.getProperty("user", System.getProperty("user.name")),
                props.getProperty("password"), false);
    }

    boolean embedded() {
        return embedded;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** How long a stop or a start (with crash recovery) may take before it is reported as stuck. */
    private static final long PATIENCE_MILLIS = 120_000;

    /**
     * Stops the embedded server at once, as a crash or {@code pg_ctl stop -m immediate} would (SIGQUIT to the
     * postmaster): every session ends without a reply, nothing is checkpointed. {@link #start()} brings it back.
     *
     * @throws IllegalStateException if this is not the embedded server, or it does not stop
     */
    synchronized void stopImmediately() {
        if (!embedded) {
            throw new IllegalStateException("only the embedded temp server can be stopped (its data directory is"
                    + " on this machine); unset " + URL_VARIABLE);
        }
        try {
            if (dataDirectory == null) {
                try (Connection connection = maintenanceConnection(); Statement statement = connection.createStatement();
                     var rows = statement.executeQuery("SHOW data_directory")) {
                    rows.next();
                    dataDirectory = Path.of(rows.getString(1));
                }
                // the binary and every option it runs with, as pg_ctl started it (-D and -p included)
                postmasterCommand = TempStandby.postmasterOptions(dataDirectory.resolve("postmaster.opts"));
                Path log = log();
                // zonky deletes the data directory when the JVM exits; the restarts' log beside it goes too
                Runtime.getRuntime().addShutdownHook(new Thread(() -> log.toFile().delete(),
                        "buildsrs-temp-restart-log-delete"));
            }
            long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
            Postmaster.signal(pid, "QUIT", log());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElse(null);
            if (postmaster != null) {
                postmaster.onExit().get(PATIENCE_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot find the temp server's data directory: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the temp server's postmaster files: " + e.getMessage(), e);
        } catch (TimeoutException | ExecutionException e) {
            throw new IllegalStateException("the temp server did not stop within " + PATIENCE_MILLIS + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the temp server", e);
        }
    }

    /**
     * Starts the embedded server again after {@link #stopImmediately()}, on the same data directory, port and
     * options, and waits until it accepts connections (after its crash recovery). Does nothing if it is running.
     *
     * @throws IllegalStateException if it was never stopped here, exits, or accepts no connection in time
     */
    synchronized void start() {
        if (postmasterCommand == null) {
            throw new IllegalStateException("the temp server was not stopped by stopImmediately(), so there is"
                    + " nothing to start");
        }
        if (acceptsConnections()) {
            return;
        }
        Process process = Postmaster.launch(postmasterCommand, log());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
        while (!acceptsConnections()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the temp server exited with code " + process.exitValue()
                        + " when started again; see " + log());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the temp server accepts no connection " + PATIENCE_MILLIS
                        + " ms after it was started again; see " + log());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the temp server", e);
            }
        }
    }

    private boolean acceptsConnections() {
        try (Connection ignored = maintenanceConnection()) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The log of the postmasters started here, beside the data directory. */
    private Path log() {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + "-restarts.log");
    }

    /** A data source for one database on this server (no pooling: tests pool on top if they need to). */
    PGSimpleDataSource dataSource(String database) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {host});
        source.setPortNumbers(new int[] {port});
        source.setDatabaseName(database);
        source.setUser(user);
        if (password != null) {
            source.setPassword(password);
        }
        source.setApplicationName("buildsrs-database-temp");
        return source;
    }

    /** JDBC URL of one database on this server, without the password. */
    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?user=" + user;
    }

    /** Creates a new database: a clone of the migrated template, or an empty one if {@code migrated} is false. */
    String createDatabase(boolean migrated) {
        String name = "buildsrs_test_" + randomSuffix();
        String template = migrated ? template() : "template0";
        execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        return name;
    }

    /** Drops a database, disconnecting anyone still connected to it. */
    void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** Whether a database of that name exists on this server. */
    boolean exists(String name) {
        try (Connection connection = maintenanceConnection();
             var statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, name);
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list databases on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private synchronized String template() {
        if (template == null) {
            String name = "buildsrs_template_" + randomSuffix();
            execute("CREATE DATABASE " + name + " TEMPLATE template0");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    dropDatabase(name);
                } catch (RuntimeException e) {
                    // the embedded server may already be gone, taking the template with it
                }
            }, "buildsrs-temp-template-drop"));
            Migrations.of(dataSource(name)).migrate();
            template = name;
        }
        return template;
    }

    private void execute(String sql) {
        try (Connection connection = maintenanceConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("temp database server " + host + ":" + port + " refused '" + sql
                    + "': " + e.getMessage(), e);
        }
    }

    Connection maintenanceConnection() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", props);
    }

    private static String randomSuffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
