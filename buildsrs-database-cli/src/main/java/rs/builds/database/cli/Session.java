package rs.builds.database.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import org.postgresql.ds.PGSimpleDataSource;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.Metadata;
import rs.builds.database.Pooler;
import rs.builds.database.migrations.Migrations;
import rs.builds.database.migrations.Roles;
import rs.builds.database.options.DatabaseOptions;

/**
 * What a command works with: its output streams and the database, connected on first use. Without a
 * PostgreSQL URL the database is the embedded default in the data directory, migrated when started.
 */
public final class Session implements AutoCloseable {
    private final PrintStream out;
    private final PrintStream err;
    private final DatabaseOptions options;
    private final Path dataDir;
    private EmbeddedServer embedded;
    private ConnectionConfig config;
    private Metadata metadata;

    Session(PrintStream out, PrintStream err, DatabaseOptions options, Path dataDir) {
        this.out = out;
        this.err = err;
        this.options = options;
        this.dataDir = dataDir;
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
        return Migrations.of(dataSource(config()));
    }

    /** Creates the service roles if missing and grants their rights (see {@link Roles}). */
    public void applyRoles() {
        Roles.apply(dataSource(config()));
    }

    /** @return the metadata API of the database, connected on first call */
    public Metadata metadata() {
        if (metadata == null) {
            ConnectionConfig connection = config();
            if (embedded != null) {
                // the embedded database is ours: keep it at the latest schema so every command just works
                Migrations.of(dataSource(connection)).migrate();
            }
            metadata = Metadata.connect(connection);
        }
        return metadata;
    }

    private ConnectionConfig config() {
        if (config == null) {
            Optional<ConnectionConfig> given = options.connectionConfig();
            if (given.isPresent()) {
                // one command uses a connection or two: don't open a service-sized pool for it
                config = given.get().withMaxConnections(Math.min(given.get().maxConnections(), 2));
            } else {
                embedded = EmbeddedServer.start(dataDir);
                err.println("using the embedded PostgreSQL in " + dataDir
                        + " (pass --database-postgres URL to use a server)");
                config = embedded.connectionConfig();
            }
        }
        return config;
    }

    private static PGSimpleDataSource dataSource(ConnectionConfig config) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(config.jdbcUrl());
        if (config.user() != null) {
            source.setUser(config.user());
        }
        if (config.password() != null) {
            source.setPassword(config.password());
        }
        source.setConnectTimeout((int) Math.max(1, config.connectTimeout().toSeconds()));
        if (config.pooler() == Pooler.TRANSACTION) {
            // migrations and roles too: no statement prepared on one server connection and used on another
            source.setPrepareThreshold(0);
        }
        return source;
    }

    @Override
    public void close() throws IOException {
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
