package rs.builds.database.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.Metadata;
import rs.builds.database.PermissionDeniedException;
import rs.builds.database.ReadHandle;
import rs.builds.database.WriteHandle;
import rs.builds.database.migrations.Migrations;
import rs.builds.database.migrations.Roles;
import rs.builds.database.migrations.SchemaVersion;
import rs.builds.database.options.DatabaseOptions;

/**
 * What a command works with: its output streams and the database, connected on first use. Without a
 * PostgreSQL URL the database is the embedded default in the data directory, migrated when started.
 *
 * <p>Ctrl-C and SIGTERM end the JVM with exit code 130 and 143 (Java's own handling of those signals), after its
 * shutdown hooks: the session's says what the command leaves undone ({@link #onInterrupt}; a commit is never cut in
 * half, see {@link #commit}) and stops using the embedded server. A command failing because of it prints nothing more.
 */
public final class Session implements AutoCloseable {
    /** Connections a command opens at most, whatever the pool size given: one command uses one or two. */
    static final int MAX_CONNECTIONS = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final DatabaseOptions options;
    private final Path dataDir;
    private final boolean fromReplica;
    private boolean replicaChecked;
    private volatile EmbeddedServer embedded;
    private final Object interruption = new Object();
    private final Thread interruptHook = new Thread(this::interrupted0, "buildsrs-database-interrupt");
    private boolean interrupted;
    private String interruptMessage = "interrupted";
    private volatile boolean serving;
    private ConnectionConfig config;
    private Metadata metadata;

    /**
     * @throws UsageException if {@code fromReplica} is set and no replica is configured
     */
    Session(PrintStream out, PrintStream err, DatabaseOptions options, Path dataDir, boolean fromReplica) {
        this.out = out;
        this.err = err;
        this.options = options;
        this.dataDir = dataDir;
        this.fromReplica = fromReplica;
        if (fromReplica && options.replicaUrl().isEmpty()) {
            throw new UsageException("--from-replica reads from the replica, but none is configured: give"
                    + " --database-postgres-replica URL (or DATABASE_POSTGRES_REPLICA)");
        }
        Runtime.getRuntime().addShutdownHook(interruptHook);
    }

    /** @return where results go: nothing else is printed there, so it can be piped */
    public PrintStream out() {
        return out;
    }

    /** @return where diagnostics go */
    public PrintStream err() {
        return err;
    }

    /** @return the migrations of the database */
    public Migrations migrations() {
        return Migrations.of(config().dataSource());
    }

    /** Creates the service roles if missing and grants their rights (see {@link Roles}). */
    public void applyRoles() {
        // the roles are granted rights on the schema's tables: say so if there are none yet, or others
        requireSchema(migrations().schemaVersion());
        Roles.apply(config().dataSource());
    }

    /** @return the metadata API of the database, connected on first call */
    public Metadata metadata() {
        if (metadata == null) {
            ConnectionConfig connection = config();
            if (embedded != null) {
                // the embedded database is ours: keep it at the latest schema so every command just works
                Migrations.of(connection.dataSource()).migrate();
            }
            // connecting first: a server that cannot be reached is reported as such ("cannot connect to host:port")
            Metadata connected = Metadata.connect(connection);
            try {
                requireSchema(connected);
            } catch (RuntimeException e) {
                connected.close();
                throw e;
            }
            metadata = connected;
        }
        return metadata;
    }

    /**
     * Reads the schema version with one query on the pool's connection (Flyway's own reading costs a command ~0.2 s).
     *
     * @throws SchemaException saying where the schema stands and what to run
     */
    private static void requireSchema(Metadata metadata) {
        Optional<String> current;
        try (ReadHandle read = metadata.read()) {
            current = read.schemaVersion();
        } catch (PermissionDeniedException e) {
            // a role that may not read the migration history: its commands say what else it may not do
            return;
        }
        requireSchema(new SchemaVersion(current.orElse(null), Migrations.latestVersion()));
    }

    /**
     * Stops a command before it meets a schema it does not know ({@code relation "targets" does not exist}).
     *
     * @throws SchemaException saying where the schema stands and what to run
     */
    private static void requireSchema(SchemaVersion schema) {
        String migrate = "run '" + Cli.NAME + " migrate' (with the same database options)";
        if (schema.missing()) {
            throw new SchemaException("the database has no buildsrs schema (it was never migrated): " + migrate
                    + " to create it");
        }
        if (schema.newer()) {
            throw new SchemaException("the database's schema is at version " + schema.current() + ", newer than"
                    + " this CLI knows (" + schema.latest() + "): use the CLI of the release that migrated it");
        }
        if (!schema.upToDate()) {
            throw new SchemaException("the database's schema is at version " + schema.current() + " of "
                    + schema.latest() + ": " + migrate + " to bring it up to date");
        }
    }

    /**
     * Opens a handle for a command that only reads: on the replica with {@code --from-replica}, else the primary.
     * If the replica cannot be reached the handle reads the primary, and a warning on stderr says so.
     *
     * @return a read handle; close it
     */
    public ReadHandle read() {
        Metadata connected = metadata();
        if (!fromReplica) {
            return connected.read();
        }
        if (!replicaChecked) {
            replicaChecked = true;
            connected.replicaStatus().filter(status -> !status.reachable()).ifPresent(status ->
                    err.println("warning: the replica " + status.replica() + " cannot be reached, reading from the"
                            + " primary instead (" + status.problem() + ")"));
        }
        return connected.readReplica();
    }

    private ConnectionConfig config() {
        if (config == null) {
            Optional<ConnectionConfig> given = options.connectionConfig();
            if (given.isPresent()) {
                // one command uses a connection or two: don't open a service-sized pool for it
                config = given.get().withMaxConnections(Math.min(given.get().maxConnections(), MAX_CONNECTIONS));
            } else {
                embedded = EmbeddedServer.start(dataDir, err::println);
                err.println("using the embedded PostgreSQL in " + dataDir
                        + " (pass --database-postgres URL to use a server)");
                config = embedded.connectionConfig();
            }
        }
        return config;
    }

    /**
     * Starts the embedded server, or joins the one running on the data directory, and brings its schema up to date,
     * for the {@code server} command: the server runs until this JVM ends.
     *
     * @return a {@code postgres://} URL of it, without the password
     * @throws UsageException if a database URL was given: that server is not the embedded one
     */
    public String serveEmbedded() {
        if (options.connectionConfig().isPresent()) {
            throw new UsageException("server runs the embedded PostgreSQL of the data directory; leave out"
                    + " --database-postgres (and DATABASE_POSTGRES), or give --data-dir to choose the directory");
        }
        migrations().migrate();
        serving = true;
        return embedded.url();
    }

    /** @return the data directory of the embedded default */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Says what Ctrl-C or SIGTERM leaves undone from now on, e.g. {@code interrupted; nothing was imported}.
     *
     * @param message printed on stderr when the JVM is interrupted
     */
    public void onInterrupt(String message) {
        synchronized (interruption) {
            interruptMessage = message;
        }
    }

    /**
     * Commits the transaction unless Ctrl-C or SIGTERM came first: an interruption waits for a commit under way, then
     * says {@code after} instead of what it said before.
     *
     * @param write the transaction
     * @param after what an interruption after the commit says
     * @throws CommandFailedException if the JVM is being interrupted: nothing is committed
     */
    public void commit(WriteHandle write, String after) {
        synchronized (interruption) {
            if (interrupted) {
                throw new CommandFailedException("interrupted");
            }
            write.commit();
            interruptMessage = after;
        }
    }

    /** @return whether Ctrl-C or SIGTERM is ending the JVM: a failure now is its consequence, already reported */
    public boolean interrupted() {
        synchronized (interruption) {
            return interrupted;
        }
    }

    private void interrupted0() {
        String message;
        synchronized (interruption) {
            interrupted = true;
            message = interruptMessage;
        }
        if (message != null) {
            err.println(message);
        }
        EmbeddedServer server = embedded;
        if (server != null) {
            try {
                boolean stopped = server.release();
                if (serving) {
                    err.println(stopped ? "stopped the embedded PostgreSQL in " + dataDir
                            : "the embedded PostgreSQL in " + dataDir + " keeps running for the commands using it;"
                                    + " the last of them stops it");
                }
            } catch (IOException | RuntimeException e) {
                err.println("warning: the embedded PostgreSQL in " + dataDir + " did not stop: " + e.getMessage());
            }
        }
        err.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(interruptHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) and releases the embedded server
        }
        try {
            if (metadata != null) {
                metadata.close();
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
