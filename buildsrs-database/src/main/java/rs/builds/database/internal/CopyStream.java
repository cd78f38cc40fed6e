package rs.builds.database.internal;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * One {@code COPY ... FROM STDIN} of a {@link SyncDao} statement through the driver's COPY API, in text format: rows
 * are appended to {@link #chunk()} and go to the server {@value #CHUNK} bytes at a time. Closing it cancels a COPY
 * not ended, so a failed sync leaves the connection usable for the rollback.
 */
final class CopyStream implements AutoCloseable {
    /** Bytes buffered before they go to the server. */
    static final int CHUNK = 1 << 16;

    private final CopyIn copy;
    private final StringBuilder chunk = new StringBuilder(CHUNK + 1024);

    private CopyStream(CopyIn copy) {
        this.copy = copy;
    }

    /**
     * Starts a COPY.
     *
     * @param handle the sync's handle, in its transaction
     * @param copySql the statement, {@code SqlFileLocator.sql(SyncDao.class, "...")} of a file in
     *        {@code sql/queries/SyncDao/} (named where it is chosen, so that SqlFilesTest finds who reads the file)
     */
    static CopyStream open(Handle handle, String copySql) throws SQLException {
        return new CopyStream(handle.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn(copySql));
    }

    /** @return where to append rows (in COPY's text format, each ending in a newline) */
    StringBuilder chunk() {
        return chunk;
    }

    /** Sends the rows appended so far if they fill a chunk. */
    void sendIfFull() throws SQLException {
        if (chunk.length() >= CHUNK) {
            send();
        }
    }

    /** Sends rows already encoded as UTF-8, a chunk at a time. */
    void send(byte[] rows) throws SQLException {
        for (int offset = 0; offset < rows.length; offset += CHUNK) {
            copy.writeToCopy(rows, offset, Math.min(CHUNK, rows.length - offset));
        }
    }

    /** Sends the rest and ends the COPY. */
    void end() throws SQLException {
        if (!chunk.isEmpty()) {
            send();
        }
        copy.endCopy();
    }

    private void send() throws SQLException {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }

    @Override
    public void close() {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                // the transaction is rolled back anyway
            }
        }
    }
}
