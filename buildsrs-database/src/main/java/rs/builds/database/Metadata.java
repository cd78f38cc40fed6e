package rs.builds.database;

import java.util.Objects;
import javax.sql.DataSource;
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

    private Metadata(Database database) {
        this.database = database;
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
        return new Metadata(Database.of(Objects.requireNonNull(dataSource, "dataSource")));
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

    /** Releases what this instance owns; a caller-owned data source stays open. */
    @Override
    public void close() {
    }
}
