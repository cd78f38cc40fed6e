package rs.builds.database.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.DatabaseUnavailableException;

/**
 * The CLI's embedded default: a PostgreSQL server whose data lives in the data directory, so successive
 * commands see the same data. Started for one command and stopped after it.
 */
final class EmbeddedServer implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /**
     * Starts the server on the data directory, creating the directory and the cluster on first use.
     *
     * @throws DatabaseUnavailableException if it cannot start, e.g. because another command is using it
     */
    static EmbeddedServer start(Path dataDir) {
        Path cluster = dataDir.resolve("postgres");
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    .start();
            return new EmbeddedServer(postgres, dataDir);
        } catch (IOException | RuntimeException e) {
            throw new DatabaseUnavailableException("cannot start the embedded PostgreSQL in " + cluster + ": "
                    + e.getMessage() + " (is another command using this data directory? use --data-dir or"
                    + " --database-postgres to choose another database)", e);
        }
    }

    /** @return how to connect to the server's {@code postgres} database */
    ConnectionConfig connectionConfig() {
        return ConnectionConfig.of(postgres.getJdbcUrl("postgres", "postgres")).withMaxConnections(4);
    }

    /** @return the data directory */
    Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
