package rs.builds.database.internal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyInputStream;
import rs.builds.database.ChecksumConflict;
import rs.builds.database.ChecksumConflictException;
import rs.builds.database.ConflictException;
import rs.builds.database.DatabaseException;
import rs.builds.database.IndexEntry;
import rs.builds.database.InvalidInputException;
import rs.builds.database.Names;
import rs.builds.database.SyncOptions;
import rs.builds.database.SyncSummary;
import rs.builds.database.VersionKey;

/**
 * Bulk sync: streams the input with COPY into a temporary staging table, keeps the rows that differ from what is
 * stored in a second one (one pass), and applies those set-based. A resync without changes writes nothing but the
 * temporary tables.
 *
 * <p>Unchanged crates are skipped on the client: the input's consecutive rows of one crate form a group, and a group
 * whose digest (see {@link SyncDigests}) equals the one stored for its crate by an earlier sync sends no rows. Every
 * group sends one group row after them (an empty version, which no real row has: its crate, row count, whether it
 * was skipped and if not its digest), so the server still knows which crates the input listed and how many rows,
 * and which digests to store. After
 * applying, the digests of the crates whose stored versions are now exactly their one group's rows are stored
 * (V5__sync_digests.sql says how other writes invalidate them, and why the sync locks the digest table).
 *
 * <p>Memory: the stored digests (proportional to the crates, about 12 MB for crates.io's 250,000) and a set of name
 * hashes of the crates seen (4 MB), one group of at most {@value #GROUP_MAX} rows (a larger one is sent row by row,
 * unskipped), the rows handed from the reading thread to the sending one (at most 16,384), the COPY buffer and the
 * example lists; never the input.
 */
final class SyncStore {
    /** Bytes buffered before they go to the server. */
    private static final int COPY_CHUNK = 1 << 16;
    /** Most rows of a group held for its digest; the rows of a larger group are sent as they come, unskipped. */
    static final int GROUP_MAX = 10_000;

    private static final String FLUSH_SAVEPOINT = "sync_search_index_flush";
    private static final String ADD_CRATES_SAVEPOINT = "sync_add_crates";

    private final Handle handle;
    private final SyncDao sync;

    SyncStore(Handle handle) {
        this.handle = handle;
        this.sync = handle.attach(SyncDao.class);
    }

    /**
     * What streaming the input found.
     *
     * @param rows input rows
     * @param groups groups of consecutive rows of one crate
     * @param sent input rows sent (those of groups not skipped)
     * @param duplicate the first version a group listed twice, if any
     * @param split whether some crate may have come in more than one group
     * @param overflowed whether some group was too large to hold
     */
    private record Streamed(long rows, long groups, long sent, VersionKey duplicate, boolean split,
                            boolean overflowed) {
    }

    SyncSummary sync(Iterator<IndexEntry> rows, SyncOptions options) {
        if (rows == null || options == null) {
            throw new InvalidInputException("sync needs rows and options (e.g. SyncOptions.partial())");
        }
        // first, before a REPEATABLE READ transaction would take its snapshot: from here no other transaction
        // writes crate_versions until this one ends
        sync.syncLock();
        // where each statement sees what was committed before it; a snapshot taken before the lock may miss a
        // change a digest stored now would then claim to cover
        boolean storeDigests = "read committed".equals(sync.syncIsolation());
        SyncPrefix prefix = SyncPrefix.read(rows);
        if (!prefix.whole() && storeDigests) {
            // a large input: into empty tables, load them directly (they are then locked until commit)
            SyncDao.BulkStart bulk = sync.syncBulkStart();
            if (bulk.started()) {
                return new SyncIntoEmpty(handle, bulk).sync(prefix.iterator());
            }
        }
        sync.syncDropTables();
        sync.syncCreateStaging();
        sync.syncCreateMissing();
        sync.syncWorkMem();
        Streamed streamed = copy(prefix.iterator(), prefix.whole() ? loadDigests(prefix.crates()) : loadDigests());
        long count = streamed.rows();
        if (streamed.duplicate() != null) {
            duplicate(streamed.duplicate());
        }

        if (streamed.sent() == 0 && !streamed.split()) {
            // Every group was skipped, each crate in one: each is stored exactly as listed. Nothing to compare or
            // write, no version missing; what the input lacks is crates.
            long missingCrates = options.complete() ? sync.syncCrateCount() - streamed.groups() : 0;
            List<String> missingCrateExamples = missingCrates > 0
                    ? examples(sync.syncMissingCrates(SyncSummary.EXAMPLES)) : List.of();
            sync.syncDropTables();
            return new SyncSummary(count, 0, 0, 0, 0, count, 0, List.of(), missingCrates, missingCrateExamples, 0,
                    List.of());
        }
        // one row per crate: a copy of its group row, unless some crate came in several groups
        if (prefix.whole()) {
            sync.syncAnalyzeStaging();
        }
        long inputCrates = streamed.split() ? sync.syncGroupsSplit() : sync.syncGroups();
        if (streamed.sent() > 0) {
            sync.syncAnalyzeGroups();
        }
        long differing = sync.syncDiff();
        if ((streamed.split() || streamed.overflowed()) && sync.syncSplitCrates() > 0) {
            sync.syncDuplicates().ifPresent(SyncStore::duplicate);
        }
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

        long cratesAdded = addCrates();
        long versionsAdded = sync.syncAddVersions();
        SyncDao.Yanks yanks = sync.syncYank();

        // Counted now, as nothing but this sync wrote versions since it began (their writers wait for it): what it
        // added is in the counts, and is in the input. A crate another transaction added meanwhile is counted like
        // any other, as listed in the input or missing from it.
        long missingCrates = options.complete() ? sync.syncCrateCount() - inputCrates : 0;
        List<String> missingCrateExamples = missingCrates > 0 ? examples(sync.syncMissingCrates(SyncSummary.EXAMPLES))
                : List.of();
        long missingVersions = 0;
        // A crate with a skipped group has no version missing (its digest matched them all); so if every group was
        // skipped, none has, and only if rows were sent are there versions to count.
        if (streamed.sent() > 0) {
            // stored versions of the crates the input covers, less those it matched, were left out of it
            long covered = (options.complete() && missingCrates == 0 ? sync.syncVersionCount()
                    : sync.syncCoveredVersions()) - versionsAdded;
            long matched = count - versionsAdded;
            if (matched > covered) {
                // every version listed twice was rejected above, so each row matched a different stored version
                throw new DatabaseException("sync: " + matched + " input rows matched the " + covered + " stored"
                        + " versions of their crates; a duplicate went undetected", null);
            }
            // Each crate's rows matched at most its stored versions (no version is listed twice), so when these
            // counts are equal no crate has a version missing from the input; else sync_missing holds them.
            if (covered > matched) {
                missingVersions = sync.syncMissingVersions();
            }
        }
        List<VersionKey> missingVersionExamples = missingVersions > 0
                ? examples(sync.syncMissingVersionExamples(SyncSummary.EXAMPLES)) : List.of();
        if (storeDigests && streamed.sent() > 0) {
            // (a crate whose group was not skipped sent rows: without any, there is no digest to store)
            sync.syncStoreDigests();
        }
        if (cratesAdded > 0) {
            flushSearchIndex();
        }
        sync.syncDropTables();
        return new SyncSummary(count, cratesAdded, versionsAdded, yanks.yanked(), yanks.unyanked(),
                count - differing, options.skipChangedChecksums() ? conflictCount : 0, conflicts, missingCrates,
                missingCrateExamples, missingVersions, missingVersionExamples);
    }

    /**
     * Merges the added names into the trigram index now rather than at the next (auto)vacuum, so searches right after
     * the sync need not read them from the index's pending list. Only an optimisation: if it fails (roles not applied
     * since V6, a statement timeout while vacuum merges the list), the savepoint keeps the sync's work.
     */
    private void flushSearchIndex() {
        handle.savepoint(FLUSH_SAVEPOINT);
        try {
            sync.syncFlushSearchIndex();
            handle.releaseSavepoint(FLUSH_SAVEPOINT);
        } catch (JdbiException e) {
            handle.rollbackToSavepoint(FLUSH_SAVEPOINT); // (which also ends it)
        }
    }

    /**
     * Adds the input's new crates. One whose name is taken but for case and '-'/'_' (which crates.io never has, but a
     * crate added by hand may be) breaks the unique index on canonical names: then, and only then, the input's such
     * crates are looked up, to name both spellings. Looking them up before every insert cost as much as the insert.
     */
    private long addCrates() {
        handle.savepoint(ADD_CRATES_SAVEPOINT);
        try {
            long added = sync.syncAddCrates();
            handle.releaseSavepoint(ADD_CRATES_SAVEPOINT);
            return added;
        } catch (JdbiException e) {
            SQLException cause = Errors.sqlException(e);
            if (cause == null || !"23505".equals(cause.getSQLState())) {
                throw e;
            }
            handle.rollbackToSavepoint(ADD_CRATES_SAVEPOINT);
            nameConflicts(sync.syncNameConflicts(SyncSummary.EXAMPLES));
            throw e; // not the input's: a crate another transaction added meanwhile
        }
    }

    /** Refuses to add crates whose names are taken but for case and '-'/'_'; nothing has been written yet. */
    private static void nameConflicts(List<SyncDao.NameConflict> conflicts) {
        if (conflicts.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("the input lists crates whose names are taken ignoring case and"
                + " '-'/'_' (crate names are unique that way, as on crates.io); nothing was written: ");
        for (int i = 0; i < Math.min(conflicts.size(), 10); i++) {
            SyncDao.NameConflict conflict = conflicts.get(i);
            message.append(i == 0 ? "" : ", ").append(Inputs.quote(conflict.crate()));
            if (conflict.stored()) {
                message.append(" (stored as ").append(Inputs.quote(conflict.taken())).append(')');
            } else {
                message.append(" and ").append(Inputs.quote(conflict.taken())).append(" (both in the input)");
            }
        }
        if (conflicts.size() > 10) {
            message.append(" and ").append(conflicts.size() - 10).append(" more");
        }
        throw new ConflictException(ConflictException.Reason.EXISTS, "crate", conflicts.get(0).crate(),
                message.toString(), null);
    }

    static void duplicate(VersionKey key) {
        throw new InvalidInputException("the input lists crate '" + key.crate() + "' version '" + key.version()
                + "' more than once");
    }

    /** Loads the stored digests of the crates of these names (a small input's). */
    private SyncDigests loadDigests(String[] crates) {
        List<byte[]> stored = sync.syncDigestsOf(crates);
        SyncDigests digests = new SyncDigests(stored.size());
        stored.forEach(digests::put);
        return digests;
    }

    /** Loads all stored digests: a binary COPY, as a quarter million of them take a while as query rows. */
    private SyncDigests loadDigests() {
        SyncDigests digests = new SyncDigests(sync.syncDigestCount());
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new PGCopyInputStream(
                handle.getConnection().unwrap(PGConnection.class), SqlFileLocator.sql(SyncDao.class, "syncDigests")),
                1 << 16))) {
            // header: 11-byte signature, flags, header extension (PostgreSQL's COPY BINARY format)
            in.skipNBytes(11 + 4);
            in.skipNBytes(in.readInt());
            for (short fields = in.readShort(); fields != -1; fields = in.readShort()) {
                byte[] digest = new byte[in.readInt()]; // never -1: the column is NOT NULL
                in.readFully(digest);
                digests.put(digest);
            }
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
     * Streams the rows into the staging table, checking each, group by group (a group: consecutive rows of one
     * crate): the rows of a group whose digest is stored are left out, and each group is followed by its group row.
     * This thread reads the input; a second one does the rest (see {@link SyncHandoff}).
     */
    private Streamed copy(Iterator<IndexEntry> rows, SyncDigests digests) {
        CopyIn copy = null;
        Sender sender = null;
        try {
            copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(SqlFileLocator.sql(SyncDao.class, "syncCopy"));
            sender = new Sender(copy, digests);
            SyncHandoff.run(rows, sender);
            return sender.streamed();
        } catch (SQLException e) {
            throw Errors.translate("streaming the sync input (row " + (sender == null ? 0 : sender.count) + ")", e);
        } finally {
            cancel(copy);
        }
    }

    /** Checks the rows, groups them, and sends what is not skipped. */
    private static final class Sender implements SyncHandoff.Consumer<IndexEntry> {
        private final CopyIn copy;
        private final StringBuilder chunk = new StringBuilder(COPY_CHUNK + 1024);
        private final Group group;
        private final SyncDigests.Seen seen = new SyncDigests.Seen();
        private boolean split;
        private long count;

        Sender(CopyIn copy, SyncDigests digests) {
            this.copy = copy;
            this.group = new Group(digests);
        }

        @Override
        public void accept(IndexEntry row) throws SQLException {
            checked(row, count);
            count++;
            if (!row.crate().equals(group.crate)) {
                group.end(chunk);
                group.start(row.crate());
                split |= seen.add(row.crate());
            }
            group.add(row, chunk);
            if (chunk.length() >= COPY_CHUNK) {
                write(copy, chunk);
            }
        }

        @Override
        public void finish() throws SQLException {
            group.end(chunk);
            write(copy, chunk);
            copy.endCopy();
        }

        Streamed streamed() {
            return new Streamed(count, group.groups, group.sent, group.duplicate, split, group.overflowedAny);
        }
    }

    /** The group being read: its rows while there are at most {@value #GROUP_MAX}. */
    private static final class Group {
        private final SyncDigests digests;
        private final List<IndexEntry> rows = new ArrayList<>();
        private String crate;
        private long count;
        /** Whether it outgrew {@value #GROUP_MAX} rows, which were then sent. */
        private boolean overflowed;
        /** The first version a group listed twice. */
        private VersionKey duplicate;
        /** Whether any group outgrew {@value #GROUP_MAX} rows. */
        private boolean overflowedAny;
        /** Rows of all groups sent. */
        private long sent;
        /** Groups ended. */
        private long groups;

        Group(SyncDigests digests) {
            this.digests = digests;
        }

        void start(String name) {
            crate = name;
            count = 0;
            overflowed = false;
            rows.clear();
        }

        void add(IndexEntry row, StringBuilder chunk) {
            count++;
            if (overflowed) {
                send(chunk, row);
            } else if (rows.size() < GROUP_MAX) {
                rows.add(row);
            } else {
                for (IndexEntry held : rows) {
                    send(chunk, held);
                }
                rows.clear();
                send(chunk, row);
                overflowed = true;
                overflowedAny = true;
            }
        }

        /** Sends what the group has not sent yet, and its group row. */
        void end(StringBuilder chunk) {
            if (crate == null) {
                return;
            }
            byte[] digest = null;
            boolean skipped = false;
            if (!overflowed) {
                digest = digests.digest(crate, rows);
                if (digest == null && duplicate == null) {
                    duplicate = new VersionKey(crate, SyncDigests.duplicateVersion(rows));
                }
                skipped = digest != null && digests.contains(digest);
                if (!skipped) {
                    for (IndexEntry row : rows) {
                        send(chunk, row);
                    }
                }
            }
            CopyText.append(chunk, crate).append("\t\t\\N\t\\N\t").append(count).append('\t')
                    .append(skipped ? 't' : 'f').append('\t');
            groups++;
            if (digest == null || skipped) { // (a skipped group's digest is stored already)
                chunk.append("\\N");
            } else {
                appendDigest(chunk, digest);
            }
            chunk.append('\n');
            crate = null;
        }

        private void send(StringBuilder chunk, IndexEntry row) {
            appendRow(chunk, row);
            sent++;
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Appends a digest as a bytea value in COPY's text format. */
    static StringBuilder appendDigest(StringBuilder chunk, byte[] digest) {
        chunk.append("\\\\x");
        for (byte b : digest) {
            chunk.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
        return chunk;
    }

    private static void appendRow(StringBuilder chunk, IndexEntry row) {
        CopyText.append(chunk, row.crate()).append('\t');
        CopyText.append(chunk, row.version()).append('\t').append(row.checksum()).append('\t')
                .append(row.yanked() ? 't' : 'f').append("\t\\N\t\\N\t\\N\n");
    }

    /** Checks a row by {@link Names}' rules. */
    static void checked(IndexEntry row, long position) {
        if (row == null) {
            throw new InvalidInputException("sync row " + position + " is null");
        }
        try {
            Names.crateName(row.crate());
            Names.version(row.version());
            Names.checksum(row.checksum());
        } catch (InvalidInputException e) {
            throw new InvalidInputException("sync row " + position + " (crate " + Inputs.quote(row.crate())
                    + " version " + Inputs.quote(row.version()) + "): " + e.getMessage());
        }
    }

    static void write(CopyIn copy, StringBuilder chunk) throws SQLException {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }

    /** Ends an unfinished COPY, so a failed sync leaves the connection usable for the rollback. */
    static void cancel(CopyIn copy) {
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
