package rs.builds.database.internal;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import rs.builds.database.ChecksumConflict;
import rs.builds.database.ChecksumConflictException;
import rs.builds.database.IndexEntry;
import rs.builds.database.InvalidInputException;
import rs.builds.database.SyncOptions;
import rs.builds.database.SyncSummary;
import rs.builds.database.VersionKey;

/**
 * Bulk sync: streams the input with COPY into a temporary staging table, keeps the rows that differ from what is
 * stored in a second one (one pass), and applies those set-based. Memory stays bounded by the COPY buffer and the
 * example lists; a resync without changes writes nothing but the temporary tables.
 */
final class SyncStore {
    /** Bytes buffered before they go to the server. */
    private static final int COPY_CHUNK = 1 << 16;

    private final Handle handle;
    private final SyncDao sync;

    SyncStore(Handle handle) {
        this.handle = handle;
        this.sync = handle.attach(SyncDao.class);
    }

    SyncSummary sync(Iterator<IndexEntry> rows, SyncOptions options) {
        if (rows == null || options == null) {
            throw new InvalidInputException("sync needs rows and options (e.g. SyncOptions.partial())");
        }
        sync.syncDropTables();
        sync.syncCreateStaging();
        sync.syncWorkMem();
        SyncDao.Stored before = sync.syncStoredCounts();
        long count = copy(rows);

        long differing = sync.syncDiff();
        sync.syncDuplicates().ifPresent(SyncStore::duplicate);
        List<ChecksumConflict> conflicts = new ArrayList<>();
        long conflictCount = 0;
        try (Stream<ChecksumConflict> found = sync.syncConflicts()) {
            for (var iterator = found.iterator(); iterator.hasNext(); conflictCount++) {
                ChecksumConflict conflict = iterator.next();
                if (conflicts.size() < SyncSummary.EXAMPLES) {
                    conflicts.add(conflict);
                }
            }
        }
        if (conflictCount > 0 && !options.skipChangedChecksums()) {
            throw new ChecksumConflictException(conflicts, conflictCount);
        }

        long cratesAdded = sync.syncAddCrates();
        long versionsAdded = sync.syncAddVersions();
        SyncDao.Yanks yanks = sync.syncYank();

        long inputCrates = options.complete() ? sync.syncInputCrates() : 0;
        long missingCrates = options.complete() ? before.crates() - (inputCrates - cratesAdded) : 0;
        List<String> missingCrateExamples = missingCrates > 0 ? examples(sync.syncMissingCrates(SyncSummary.EXAMPLES))
                : List.of();
        // stored versions of the crates the input covers, less those it matched, were left out of it
        long covered = options.complete() && missingCrates == 0 ? before.versions() : sync.syncCoveredVersions()
                - versionsAdded;
        long matched = count - versionsAdded;
        if (matched > covered) {
            // more rows matched stored versions than the input's crates have: some version is listed twice
            sync.syncInputDuplicates().ifPresent(SyncStore::duplicate);
        }
        long missingVersions = 0;
        List<VersionKey> missingVersionExamples = new ArrayList<>();
        if (covered - matched > 0) {
            try (Stream<VersionKey> missing = sync.syncMissingVersions()) {
                for (var iterator = missing.iterator(); iterator.hasNext(); missingVersions++) {
                    VersionKey key = iterator.next();
                    if (missingVersionExamples.size() < SyncSummary.EXAMPLES) {
                        missingVersionExamples.add(key);
                    }
                }
            }
        }
        sync.syncDropTables();
        return new SyncSummary(count, cratesAdded, versionsAdded, yanks.yanked(), yanks.unyanked(),
                count - differing, options.skipChangedChecksums() ? conflictCount : 0, conflicts, missingCrates,
                missingCrateExamples, missingVersions, missingVersionExamples);
    }

    private static void duplicate(VersionKey key) {
        throw new InvalidInputException("the input lists crate '" + key.crate() + "' version '" + key.version()
                + "' more than once");
    }

    /** Streams the rows into the staging table, checking each; returns how many there were. */
    private long copy(Iterator<IndexEntry> rows) {
        long count = 0;
        CopyIn copy = null;
        try {
            copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(SqlFileLocator.sql(SyncDao.class, "syncCopy"));
            StringBuilder chunk = new StringBuilder(COPY_CHUNK + 1024);
            while (rows.hasNext()) {
                IndexEntry row = rows.next();
                checked(row, count);
                CopyText.append(chunk, row.crate()).append('\t');
                CopyText.append(chunk, row.version()).append('\t').append(row.checksum()).append('\t')
                        .append(row.yanked() ? 't' : 'f').append('\n');
                count++;
                if (chunk.length() >= COPY_CHUNK) {
                    write(copy, chunk);
                }
            }
            write(copy, chunk);
            copy.endCopy();
            return count;
        } catch (SQLException e) {
            throw Errors.translate("streaming the sync input (row " + count + ")", e);
        } finally {
            cancel(copy);
        }
    }

    private static void checked(IndexEntry row, long position) {
        if (row == null) {
            throw new InvalidInputException("sync row " + position + " is null");
        }
        try {
            Inputs.name("crate name", row.crate());
            Inputs.name("version", row.version());
            Inputs.checksum(row.checksum());
        } catch (InvalidInputException e) {
            throw new InvalidInputException("sync row " + position + " (crate " + Inputs.quote(row.crate())
                    + " version " + Inputs.quote(row.version()) + "): " + e.getMessage());
        }
    }

    private static void write(CopyIn copy, StringBuilder chunk) throws SQLException {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }

    /** Ends an unfinished COPY, so a failed sync leaves the connection usable for the rollback. */
    private static void cancel(CopyIn copy) {
        if (copy != null && copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                // the transaction is rolled back anyway
            }
        }
    }

    private static <T> List<T> examples(Stream<T> rows) {
        try (rows) {
            return rows.toList();
        }
    }
}
