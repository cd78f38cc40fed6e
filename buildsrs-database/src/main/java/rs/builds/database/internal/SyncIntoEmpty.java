package rs.builds.database.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.jdbi.v3.core.Handle;
import rs.builds.database.IndexEntry;
import rs.builds.database.SyncOptions;
import rs.builds.database.SyncSummary;

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
 * them), except in a group too large to hold ({@value SyncGrouper#GROUP_MAX} rows), whose versions are numbered as they
 * come. A crate listed in several groups gets an id per group, merged by sync_bulk_merge. Each crate listed in one
 * group that the client could hold gets its digest ({@link SyncDigester}), as from the online sync. The input is
 * checked and grouped as the online sync does it ({@link SyncGrouper}); the rows are {@link SyncCopyRows}'.
 *
 * <p>Memory: one group of at most {@value SyncGrouper#GROUP_MAX} rows, the rows handed between threads (see
 * {@link SyncHandoff}), and the crate and digest rows to send after the versions, about 80 bytes a crate (20 MB for
 * crates.io's 250,000); never the versions.
 */
final class SyncIntoEmpty {
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

    SyncSummary sync(Iterator<IndexEntry> rows, SyncOptions options) {
        // straight into crate_versions
        Loader loaded = SyncSender.send(handle, SqlFileLocator.sql(SyncDao.class, "syncBulkVersions"), rows, true,
                copy -> new Loader(copy, start.lastCrate(), start.lastVersion()));
        SyncGrouper groups = loaded.grouper;
        if (groups.duplicate() != null) {
            Inputs.syncListedTwice(groups.duplicate());
        }
        copyIn(SqlFileLocator.sql(SyncDao.class, "syncBulkCrates"), loaded.crates.bytes(), "the synced crates");
        copyIn(SqlFileLocator.sql(SyncDao.class, "syncBulkDigests"), loaded.digests.bytes(), "the sync digests");
        long crates = groups.groups();
        if (groups.split()) {
            crates -= sync.syncBulkMerge();
        }
        if (groups.split() || groups.overflowed()) {
            sync.syncBulkDuplicates().ifPresent(Inputs::syncListedTwice);
        }
        sync.syncBulkFinish();
        // every row is a new version
        SyncTally tally = new SyncTally(options, groups.rows());
        tally.differing(groups.rows());
        tally.added(crates, groups.rows());
        return tally.summary();
    }

    private void copyIn(String copySql, byte[] rows, String what) {
        try (CopyStream copy = CopyStream.open(handle, copySql)) {
            copy.send(rows);
            copy.end();
        } catch (SQLException e) {
            throw Errors.translate("loading " + what, e);
        }
    }

    /** Rows in COPY's text format, kept as UTF-8 until they are sent. */
    private static final class Lines {
        private final StringBuilder rows = new StringBuilder(CopyStream.CHUNK + 1024);
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        /** @return where to append a row */
        StringBuilder rows() {
            return rows;
        }

        /** Keeps the rows appended so far as UTF-8 if they fill a chunk. */
        void keepIfFull() {
            if (rows.length() >= CopyStream.CHUNK) {
                keep();
            }
        }

        byte[] bytes() {
            keep();
            return out.toByteArray();
        }

        private void keep() {
            out.writeBytes(rows.toString().getBytes(StandardCharsets.UTF_8));
            rows.setLength(0);
        }
    }

    /** Numbers and sends the versions of the checked, grouped rows; keeps the crates and digests for later. */
    private static final class Loader extends SyncSender {
        private final Lines crates = new Lines();
        private final Lines digests = new Lines();
        /** The ids of the group being read and of the last version sent. */
        private long lastCrate;
        private long lastVersion;

        Loader(CopyStream copy, long lastCrate, long lastVersion) {
            super(copy);
            this.lastCrate = lastCrate;
            this.lastVersion = lastVersion;
        }

        @Override
        public void start(String crate) {
            lastCrate++;
        }

        /** Sends the group's held rows, keeps its crate row and digest. */
        @Override
        public void end(String crate, long rows, List<IndexEntry> held, byte[] digest) {
            if (held != null) {
                if (digest != null) {
                    SyncCopyRows.digest(digests.rows(), lastCrate, digest);
                    digests.keepIfFull();
                }
                held.sort(BYTE_ORDER);
                held.forEach(this::send);
            }
            SyncCopyRows.crate(crates.rows(), lastCrate, crate);
            crates.keepIfFull();
        }

        @Override
        void send(IndexEntry row) {
            SyncCopyRows.version(copy.chunk(), ++lastVersion, lastCrate, row);
        }
    }
}
