package rs.builds.database.internal;

import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import rs.builds.database.ChecksumConflict;
import rs.builds.database.VersionKey;

/**
 * Bulk sync of crates and versions through a staging table. SQL in {@code sql/queries/SyncDao/};
 * syncCopy.sql is run by SyncStore through the driver's COPY API.
 */
@RegisterConstructorMapper(ChecksumConflict.class)
@RegisterConstructorMapper(VersionKey.class)
@RegisterConstructorMapper(SyncDao.Yanks.class)
@RegisterConstructorMapper(SyncDao.Stored.class)
public interface SyncDao {
    /** Yanked flags a sync changed. */
    record Yanks(long yanked, long unyanked) {
    }

    /** What was stored before a sync. */
    record Stored(long crates, long versions) {
    }

    @SqlUpdate
    void syncDropTables();

    @SqlUpdate
    void syncCreateStaging();

    @SqlUpdate
    void syncWorkMem();

    /** @return rows that differ from what is stored */
    @SqlUpdate
    long syncDiff();

    @SqlQuery
    Optional<VersionKey> syncDuplicates();

    @SqlQuery
    Optional<VersionKey> syncInputDuplicates();

    @SqlQuery
    @FetchSize(1000)
    Stream<ChecksumConflict> syncConflicts();

    @SqlUpdate
    long syncAddCrates();

    @SqlUpdate
    long syncAddVersions();

    @SqlQuery
    Yanks syncYank();

    @SqlQuery
    Stored syncStoredCounts();

    @SqlQuery
    long syncInputCrates();

    @SqlQuery
    long syncCoveredVersions();

    @SqlQuery
    Stream<String> syncMissingCrates(int limit);

    @SqlQuery
    @FetchSize(1000)
    Stream<VersionKey> syncMissingVersions();
}
