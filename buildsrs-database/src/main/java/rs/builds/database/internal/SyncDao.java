package rs.builds.database.internal;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import rs.builds.database.ChecksumConflict;
import rs.builds.database.VersionKey;

/**
 * Bulk sync of crates and versions through a staging table. SQL in {@code sql/queries/SyncDao/}; the COPY statements
 * have no method here: syncCopy.sql and the syncBulk*.sql that take rows are run through the driver by
 * {@link CopyStream} (their rows are {@link SyncCopyRows}'), syncDigests.sql by {@link SyncDigestReader}.
 */
@RegisterConstructorMapper(ChecksumConflict.class)
@RegisterConstructorMapper(VersionKey.class)
@RegisterConstructorMapper(SyncDao.Yanks.class)
@RegisterConstructorMapper(SyncDao.BulkStart.class)
@RegisterConstructorMapper(SyncDao.NameConflict.class)
public interface SyncDao {
    /**
     * A crate the input would add under a canonical name that is taken.
     *
     * @param crate the input's name
     * @param taken the name that has its canonical name
     * @param stored whether {@code taken} is stored (else the input adds it too)
     */
    record NameConflict(String crate, String taken, boolean stored) {
    }

    /** Yanked flags a sync changed. */
    record Yanks(long yanked, long unyanked) {
    }

    /**
     * The answer of sync_bulk_start: the last crate and version ids used if the sync loads the empty tables
     * directly (they are then locked and prepared), both {@code null} if it takes the online path.
     */
    record BulkStart(Long lastCrate, Long lastVersion) {
        boolean started() {
            return lastCrate != null;
        }
    }

    @SqlUpdate
    void syncLock();

    @SqlQuery
    String syncIsolation();

    @SqlQuery
    long syncDigestCount();

    /** @return the stored digests of the crates of these names */
    @SqlQuery
    List<byte[]> syncDigestsOf(String[] names);

    @SqlUpdate
    void syncDropTables();

    /** Creates the sync's temporary tables if the connection has none yet, and empties them. */
    @SqlUpdate
    void syncPrepareTables();

    @SqlUpdate
    void syncWorkMem();

    /** @return the crates the input lists, each in one group */
    @SqlUpdate
    long syncGroups();

    /** @return the crates the input lists, some in several groups */
    @SqlUpdate
    long syncGroupsSplit();

    @SqlUpdate
    void syncAnalyzeGroups();

    @SqlUpdate
    void syncAnalyzeStaging();

    /** @return rows that differ from what is stored */
    @SqlUpdate
    long syncDiff();

    /** @return rows that differ from what is stored, when few rows were sent (up to {@code SyncStore.DIFF_BY_INDEX_MAX}) */
    @SqlUpdate
    long syncDiffFew();

    /** @return crates whose rows the client could not check for duplicates itself */
    @SqlQuery
    long syncSplitCrates();

    @SqlQuery
    Optional<VersionKey> syncDuplicates();

    @SqlQuery
    @FetchSize(1000)
    Stream<ChecksumConflict> syncConflicts();

    @SqlQuery
    List<NameConflict> syncNameConflicts(int limit);

    @SqlUpdate
    long syncAddCrates();

    /** @return pending pages of the crate name index merged into it */
    @SqlQuery
    long syncFlushSearchIndex();

    @SqlUpdate
    long syncAddVersions();

    @SqlQuery
    Yanks syncYank();

    @SqlQuery
    long syncCrateCount();

    @SqlQuery
    long syncVersionCount();

    @SqlQuery
    long syncCoveredVersions();

    @SqlQuery
    Stream<String> syncMissingCrates(int limit);

    /** @return versions stored but missing from the input, of the crates it lists */
    @SqlUpdate
    long syncMissingVersions();

    @SqlQuery
    Stream<VersionKey> syncMissingVersionExamples(int limit);

    /** @return digests stored or changed */
    @SqlUpdate
    long syncStoreDigests();

    @SqlQuery
    BulkStart syncBulkStart();

    /** @return crate rows merged into another of their name */
    @SqlQuery
    long syncBulkMerge();

    @SqlQuery
    Optional<VersionKey> syncBulkDuplicates();

    /** @return pairs queued */
    @SqlQuery
    long syncBulkFinish();
}
