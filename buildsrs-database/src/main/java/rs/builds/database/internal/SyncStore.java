package rs.builds.database.internal;

import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import rs.builds.database.ChecksumConflict;
import rs.builds.database.ConflictException;
import rs.builds.database.IndexEntry;
import rs.builds.database.InvalidInputException;
import rs.builds.database.SyncOptions;
import rs.builds.database.SyncSummary;

/**
 * Bulk sync: streams the input with COPY into a temporary staging table, keeps the rows that differ from what is
 * stored in a second one (one pass), and applies those set-based. A resync without changes writes nothing but the
 * temporary tables, which a small input (one read ahead whole, {@link SyncPrefix}) finds made by an earlier sync on
 * the connection and a large one makes anew (see syncPrepareTables.sql). This class orders the statements; the parts
 * are the rows read ahead ({@link SyncPrefix}), the stored digests ({@link SyncDigestReader}), the streaming
 * ({@link SyncSender}) and grouping ({@link SyncGrouper}) of the input, the rows sent ({@link SyncCopyRows}) and the
 * counts ({@link SyncTally}); a large input into empty tables is {@link SyncIntoEmpty}'s.
 *
 * <p>Unchanged crates are skipped on the client: the input's consecutive rows of one crate form a group, and a group
 * whose digest ({@link SyncDigester}) equals the one stored for its crate by an earlier sync sends no rows. Every
 * group sends one group row after them (its crate, row count, whether it was skipped and if not its digest), so the
 * server still knows which crates the input listed and how many rows, and which digests to store. After applying,
 * the digests of the crates whose stored versions are now exactly their one group's rows are stored
 * (V5__sync_digests.sql says how other writes invalidate them, and why the sync locks the digest table).
 *
 * <p>Memory: the stored digests (proportional to the crates, about 12 MB for crates.io's 250,000) and a set of name
 * hashes of the crates seen (4 MB), one group of at most {@value SyncGrouper#GROUP_MAX} rows (a larger one is sent
 * row by row, unskipped), the rows handed from the reading thread to the sending one (at most 16,384), the COPY
 * buffer and the example lists; never the input.
 */
final class SyncStore {
    /**
     * Most rows sent for which the differences are found by one index probe a row ({@code syncDiffFew}) rather than by
     * a hash join over every stored version ({@code syncDiff}). Measured on 1.94M stored versions (PostgreSQL 15):
     * 6,813 rows sent 105-507 ms against 1.7-1.9 s, 128,122 rows 2.3 s against 5.7 s; the whole index keeps the join.
     */
    static final int DIFF_BY_INDEX_MAX = 131_072;

    private static final String FLUSH_SAVEPOINT = "sync_search_index_flush";
    private static final String ADD_CRATES_SAVEPOINT = "sync_add_crates";

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
                return new SyncIntoEmpty(handle, bulk).sync(prefix.iterator(), options);
            }
        }
        // A small input reuses the connection's tables; a large one works on new ones (syncPrepareTables.sql)
        boolean small = prefix.whole();
        if (!small) {
            sync.syncDropTables();
        }
        sync.syncPrepareTables();
        SyncDigests stored;
        if (small) {
            stored = SyncDigestReader.of(sync, prefix.crates());
        } else {
            sync.syncWorkMem();
            stored = SyncDigestReader.all(handle, sync);
        }
        Sender streamed = SyncSender.send(handle, SqlFileLocator.sql(SyncDao.class, "syncCopy"), prefix.iterator(),
                !small, copy -> new Sender(copy, stored));
        SyncGrouper groups = streamed.grouper;
        SyncTally tally = new SyncTally(options, groups.rows());
        if (groups.duplicate() != null) {
            Inputs.syncListedTwice(groups.duplicate());
        }

        if (streamed.sent == 0 && !groups.split()) {
            // Every group was skipped, each crate in one: each is stored exactly as listed. Nothing to compare or
            // write, no version missing; what the input lacks is crates.
            countMissingCrates(tally, options, groups.groups());
            dropTablesIfLarge(small);
            return tally.summary();
        }
        // one row per crate: a copy of its group row, unless some crate came in several groups
        if (small) {
            sync.syncAnalyzeStaging();
        }
        long inputCrates = groups.split() ? sync.syncGroupsSplit() : sync.syncGroups();
        if (streamed.sent > 0) {
            sync.syncAnalyzeGroups();
        }
        tally.differing(streamed.sent <= DIFF_BY_INDEX_MAX ? sync.syncDiffFew() : sync.syncDiff());
        if ((groups.split() || groups.overflowed()) && sync.syncSplitCrates() > 0) {
            sync.syncDuplicates().ifPresent(Inputs::syncListedTwice);
        }
        try (Stream<ChecksumConflict> found = sync.syncConflicts()) {
            found.forEach(tally::conflict);
        }
        tally.refuseConflicts();

        long cratesAdded = addCrates();
        tally.added(cratesAdded, sync.syncAddVersions());
        SyncDao.Yanks yanks = sync.syncYank();
        tally.yanks(yanks.yanked(), yanks.unyanked());

        // Counted now, as nothing but this sync wrote versions since it began (their writers wait for it): what it
        // added is in the counts, and is in the input. A crate another transaction added meanwhile is counted like
        // any other, as listed in the input or missing from it.
        countMissingCrates(tally, options, inputCrates);
        // A crate with a skipped group has no version missing (its digest matched them all); so if every group was
        // skipped, none has, and only if rows were sent are there versions to count.
        if (streamed.sent > 0 && tally.versionsMissing(options.complete() && tally.missingCrates() == 0
                ? sync.syncVersionCount() : sync.syncCoveredVersions())) {
            // sync_missing holds them
            long missing = sync.syncMissingVersions();
            tally.missingVersions(missing, missing > 0
                    ? examples(sync.syncMissingVersionExamples(SyncSummary.EXAMPLES)) : List.of());
        }
        if (storeDigests && streamed.sent > 0) {
            // (a crate whose group was not skipped sent rows: without any, there is no digest to store)
            sync.syncStoreDigests();
        }
        if (cratesAdded > 0) {
            flushSearchIndex();
        }
        dropTablesIfLarge(small);
        return tally.summary();
    }

    /**
     * Frees a large sync's tables at once rather than at commit. A small sync's stay, for the next sync on the
     * connection; they are emptied at commit or by that sync.
     */
    private void dropTablesIfLarge(boolean small) {
        if (!small) {
            sync.syncDropTables();
        }
    }

    /** Counts the stored crates a complete input does not list, among as many crates as it does list. */
    private void countMissingCrates(SyncTally tally, SyncOptions options, long listed) {
        if (options.complete() && tally.cratesMissing(sync.syncCrateCount(), listed)) {
            tally.missingCrateExamples(examples(sync.syncMissingCrates(SyncSummary.EXAMPLES)));
        }
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

    /**
     * Sends the rows of the groups whose digests are not stored to the staging table, and every group's group row:
     * checked and grouped rows, the rows of a group whose digest is stored left out.
     */
    private static final class Sender extends SyncSender {
        private final SyncDigests stored;
        /** Input rows sent (those of groups not skipped). */
        private long sent;

        Sender(CopyStream copy, SyncDigests stored) {
            super(copy);
            this.stored = stored;
        }

        @Override
        public void end(String crate, long rows, List<IndexEntry> held, byte[] digest) {
            boolean skipped = digest != null && stored.contains(digest);
            if (held != null && !skipped) {
                held.forEach(this::send);
            }
            // (a skipped group's digest is stored already)
            SyncCopyRows.groupRow(copy.chunk(), crate, rows, skipped, skipped ? null : digest);
        }

        @Override
        void send(IndexEntry row) {
            SyncCopyRows.inputRow(copy.chunk(), row);
            sent++;
        }
    }

    private static <T> List<T> examples(Stream<T> rows) {
        try (rows) {
            return rows.toList();
        }
    }
}
