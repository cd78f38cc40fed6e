package rs.builds.database;

import java.util.Objects;
import javax.sql.DataSource;
import rs.builds.database.internal.ConnectionPool;
import rs.builds.database.internal.Database;

/**
 * Entry point to the buildsrs metadata database: opens {@link ReadHandle}s and {@link WriteHandle}s.
 * Thread-safe; share one instance per database.
 *
 * <pre>{@code
 * try (WriteHandle write = metadata.write()) {
 *     write.crateAdd("serde");
 *     write.commit();
 * }
 * }</pre>
 */
public final class Metadata implements AutoCloseable {
    private final Database database;
    private final AutoCloseable owned;

    private Metadata(Database database, AutoCloseable owned) {
        this.database = database;
        this.owned = owned;
    }

    /**
     * Connects with a pool of its own (HikariCP) that {@link #close()} closes. The database must be migrated
     * (see the {@code rs.builds.database.migrations} module).
     *
     * @param config where and how to connect
     * @return the metadata API over a started pool
     * @throws DatabaseUnavailableException "cannot connect to host:port (reason)" if the server cannot be
     *         reached or refuses the login within the configured timeout
     * @throws NullPointerException if {@code config} is null
     */
    public static Metadata connect(ConnectionConfig config) {
        var pool = ConnectionPool.open(Objects.requireNonNull(config, "config"));
        return new Metadata(Database.of(pool), pool);
    }

    /**
     * Uses a data source the caller owns (and closes). The database must be migrated
     * (see the {@code rs.builds.database.migrations} module).
     *
     * @param dataSource where connections come from; pooled, for anything but tests
     * @return the metadata API over it
     * @throws NullPointerException if {@code dataSource} is null
     */
    public static Metadata open(DataSource dataSource) {
        return new Metadata(Database.of(Objects.requireNonNull(dataSource, "dataSource")), null);
    }

    /**
     * Opens a read handle. Close it to return its connection.
     *
     * @return a handle holding one connection
     * @throws DatabaseUnavailableException if no connection can be had
     */
    public ReadHandle read() {
        return database.read();
    }

    /**
     * Opens a write handle: one transaction. Commit it, then close it; closing without commit rolls back.
     *
     * @return a handle holding one connection with an open transaction
     * @throws DatabaseUnavailableException if no connection can be had
     */
    public WriteHandle write() {
        return database.write();
    }

    /**
     * Closes the pool this instance opened in {@link #connect}; a data source given to {@link #open} stays
     * open. Handles still open fail afterwards. Closing twice does nothing.
     */
    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new DatabaseException("closing the connection pool failed: " + e.getMessage(), e);
            }
        }
    }
}
