package rs.builds.database.internal;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import rs.builds.database.VersionInfo;

/** Crate versions. SQL in {@code sql/queries/CrateVersionDao/}. */
@RegisterConstructorMapper(VersionInfo.class)
public interface CrateVersionDao {
    /** Inserts a version, or flips its yanked flag if the checksum matches; 0 rows if nothing changed. */
    @SqlUpdate
    int crateVersionUpsert(long crate, String version, String checksum, boolean yanked);

    @SqlQuery
    Optional<String> crateVersionChecksum(long crate, String version);

    @SqlQuery
    List<VersionInfo> crateVersions(long crate);

    @SqlQuery
    Optional<Long> crateVersionId(long crate, String version);

    @SqlQuery
    Optional<VersionInfo> crateVersionInfo(long crate, String version);
}
