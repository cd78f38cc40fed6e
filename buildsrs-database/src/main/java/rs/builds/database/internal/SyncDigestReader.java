package rs.builds.database.internal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

/**
 * Loads the stored sync digests ({@code crate_sync_digests}) a sync compares its groups with: those of the few crates
 * a small input lists by a query, or all of them by a binary COPY, as a quarter million of them take a while as query
 * rows.
 */
final class SyncDigestReader {
    private SyncDigestReader() {
    }

    /** Loads the stored digests of the crates of these names (a small input's). */
    static SyncDigests of(SyncDao sync, String[] crates) {
        List<byte[]> stored = sync.syncDigestsOf(crates);
        SyncDigests digests = new SyncDigests(stored.size());
        stored.forEach(digests::put);
        return digests;
    }

    /** Loads all stored digests. */
    static SyncDigests all(Handle handle, SyncDao sync) {
        SyncDigests digests = new SyncDigests(sync.syncDigestCount());
        try (InputStream in = new PGCopyInputStream(handle.getConnection().unwrap(PGConnection.class),
                SqlFileLocator.sql(SyncDao.class, "syncDigests"))) {
            read(in, digests);
        } catch (SQLException e) {
            throw Errors.translate("loading the sync digests", e);
        } catch (IOException e) {
            SQLException cause = Errors.sqlException(e);
            throw Errors.translate("loading the sync digests", cause != null ? cause : new SQLException(e.getMessage(),
                    null, e));
        }
        return digests;
    }

    /**
     * Reads the output of a one-column {@code COPY ... TO STDOUT (FORMAT binary)} of a NOT NULL bytea column
     * (PostgreSQL's binary COPY format: a header, then per row its field count and each field's length and bytes,
     * then -1) and puts each value.
     */
    static void read(InputStream stream, SyncDigests into) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 1 << 16));
        // header: 11-byte signature, flags, header extension
        in.skipNBytes(11 + 4);
        in.skipNBytes(in.readInt());
        for (short fields = in.readShort(); fields != -1; fields = in.readShort()) {
            byte[] digest = new byte[in.readInt()]; // never -1: the column is NOT NULL
            in.readFully(digest);
            into.put(digest);
        }
    }
}
