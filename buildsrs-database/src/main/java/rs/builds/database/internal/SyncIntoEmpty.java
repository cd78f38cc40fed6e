package rs.builds.database.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import rs.builds.database.IndexEntry;
import rs.builds.database.SyncSummary;
import rs.builds.database.VersionKey;

/**
 * A sync into empty tables, loaded as pg_restore would (V11__sync_into_empty_tables.sql): sync_bulk_start has locked
 * crates, crate_versions and crate_sync_digests, dropped their secondary indexes and constraints and disabled the
 * triggers of crate_versions; this streams the versions straight into crate_versions with COPY, numbering crates and
 * versions itself, then COPYs the crates and their digests, and sync_bulk_finish checks the rows, builds the indexes
 * and constraints and queues the versions. Nothing is stored to compare with, so nothing differs, conflicts or is
 * missing: every row is a new version.
 *
 * <p>The rows are as the online sync leaves them: crates numbered in the order the input lists them (the online
 * sync's order is a hash's), versions of a crate numbered in byte order of the version (as syncAddVersions numbers
 * them), except in a group too large to hold ({@value SyncStore#GROUP_MAX} rows), whose versions are numbered as they
 * come. A crate listed in several groups gets an id per group, merged by sync_bulk_merge. Each crate listed in one
 * group that the client could hold gets its digest ({@link SyncDigests}), as from the online sync.
 *
 * <p>Memory: one group of at most {@value SyncStore#GROUP_MAX} rows, the rows handed between threads (see
 * {@link SyncHandoff}), and the crate and digest rows to send after the versions, about 80 bytes a crate (20 MB for
 * crates.io's 250,000); never the versions.
 */
final class SyncIntoEmpty {
    /** Bytes buffered before they go to the server. */
    private static final int COPY_CHUNK = 1 << 16;

    /** Versions in byte order of their UTF-8, which is the order of their code points (PostgreSQL's "C"). */
    private static final Comparator<IndexEntry> BYTE_ORDER = (a, b) -> {
        String x = a.version();
        String y = b.version();
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int p = x.codePointAt(i);
            int q = y.codePointAt(j);
            if (p != q) {
                return Integer.compare(p, q);
            }
            i += Character.charCount(p);
            j += Character.charCount(q);
        }
        return Integer.compare(x.length() - i, y.length() - j);
    };

    private final Handle handle;
    private final SyncDao sync;
    private final SyncDao.BulkStart start;

    SyncIntoEmpty(Handle handle, SyncDao.BulkStart start) {
        this.handle = handle;
        this.sync = handle.attach(SyncDao.class);
        this.start = start;
    }

    SyncSummary sync(Iterator<IndexEntry> rows) {
        Loader loaded = copyVersions(rows);
        if (loaded.duplicate != null) {
            SyncStore.duplicate(loaded.duplicate);
        }
        copyIn("syncBulkCrates", loaded.crates.bytes(), "the synced crates");
        copyIn("syncBulkDigests", loaded.digests.bytes(), "the sync digests");
        long crates = loaded.groups;
        if (loaded.split) {
            crates -= sync.syncBulkMerge();
        }
        if (loaded.split || loaded.overflowed) {
            sync.syncBulkDuplicates().ifPresent(SyncStore::duplicate);
        }
        sync.syncBulkFinish();
        return new SyncSummary(loaded.count, crates, loaded.count, 0, 0, 0, 0, List.of(), 0, List.of(), 0, List.of());
    }

    /** Streams the versions into crate_versions: this thread reads the input, a second one checks and sends it. */
    private Loader copyVersions(Iterator<IndexEntry> rows) {
        CopyIn copy = null;
        Loader loader = null;
        try {
            copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(SqlFileLocator.sql(SyncDao.class, "syncBulkVersions"));
            loader = new Loader(copy, start.lastCrate(), start.lastVersion());
            SyncHandoff.run(rows, loader);
            return loader;
        } catch (SQLException e) {
            throw Errors.translate("streaming the sync input (row " + (loader == null ? 0 : loader.count) + ")", e);
        } finally {
            SyncStore.cancel(copy);
        }
    }

    private void copyIn(String statement, byte[] bytes, String what) {
        CopyIn copy = null;
        try {
            copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(SqlFileLocator.sql(SyncDao.class, statement));
            for (int offset = 0; offset < bytes.length; offset += COPY_CHUNK) {
                copy.writeToCopy(bytes, offset, Math.min(COPY_CHUNK, bytes.length - offset));
            }
            copy.endCopy();
        } catch (SQLException e) {
            throw Errors.translate("loading " + what, e);
        } finally {
            SyncStore.cancel(copy);
        }
    }

    /** Rows in COPY's text format, kept as UTF-8 until they are sent. */
    private static final class Lines {
        private final StringBuilder line = new StringBuilder(COPY_CHUNK + 1024);
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        StringBuilder line() {
            return line;
        }

        /** Ends a row. */
        void end() {
            line.append('\n');
            if (line.length() >= COPY_CHUNK) {
                flush();
            }
        }

        byte[] bytes() {
            flush();
            return out.toByteArray();
        }

        private void flush() {
            out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
            line.setLength(0);
        }
    }

    /** Checks the rows, groups them, numbers and sends the versions, keeps the crates and digests for later. */
    private static final class Loader implements SyncHandoff.Consumer<IndexEntry> {
        private final CopyIn copy;
        private final StringBuilder chunk = new StringBuilder(COPY_CHUNK + 1024);
        private final SyncDigests digester = new SyncDigests(0);
        private final SyncDigests.Seen seen = new SyncDigests.Seen();
        private final List<IndexEntry> held = new ArrayList<>();
        private final Lines crates = new Lines();
        private final Lines digests = new Lines();
        private long lastCrate;
        private long lastVersion;
        /** The group being read: its crate and id, and whether it outgrew {@value SyncStore#GROUP_MAX} rows. */
        private String crate;
        private boolean overflowedGroup;
        /** Rows read. */
        private long count;
        /** Groups ended. */
        private long groups;
        /** Whether some crate may have come in several groups, or in a group too large to hold. */
        private boolean split;
        private boolean overflowed;
        /** The first version a group listed twice. */
        private VersionKey duplicate;

        Loader(CopyIn copy, long lastCrate, long lastVersion) {
            this.copy = copy;
            this.lastCrate = lastCrate;
            this.lastVersion = lastVersion;
        }

        @Override
        public void accept(IndexEntry row) throws SQLException {
            SyncStore.checked(row, count);
            count++;
            if (!row.crate().equals(crate)) {
                end();
                crate = row.crate();
                lastCrate++;
                overflowedGroup = false;
                split |= seen.add(crate);
            }
            if (overflowedGroup) {
                send(row);
            } else if (held.size() < SyncStore.GROUP_MAX) {
                held.add(row);
            } else {
                held.forEach(this::send);
                held.clear();
                send(row);
                overflowedGroup = true;
                overflowed = true;
            }
            if (chunk.length() >= COPY_CHUNK) {
                SyncStore.write(copy, chunk);
            }
        }

        @Override
        public void finish() throws SQLException {
            end();
            SyncStore.write(copy, chunk);
            copy.endCopy();
        }

        /** Ends the group being read: sends its held rows, keeps its crate row and digest. */
        private void end() {
            if (crate == null) {
                return;
            }
            if (!overflowedGroup) {
                byte[] digest = digester.digest(crate, held);
                if (digest == null) {
                    if (duplicate == null) {
                        duplicate = new VersionKey(crate, SyncDigests.duplicateVersion(held));
                    }
                } else {
                    SyncStore.appendDigest(digests.line().append(lastCrate).append('\t'), digest);
                    digests.end();
                }
                held.sort(BYTE_ORDER);
                held.forEach(this::send);
                held.clear();
            }
            CopyText.append(crates.line().append(lastCrate).append('\t'), crate);
            crates.end();
            groups++;
            crate = null;
        }

        private void send(IndexEntry row) {
            chunk.append(++lastVersion).append('\t').append(lastCrate).append('\t');
            CopyText.append(chunk, row.version()).append('\t').append(row.checksum()).append('\t')
                    .append(row.yanked() ? 't' : 'f').append('\n');
        }
    }
}
