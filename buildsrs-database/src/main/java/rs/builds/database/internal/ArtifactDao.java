package rs.builds.database.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import rs.builds.database.ArtifactInfo;
import rs.builds.database.DailyDownloads;

/** Job artifacts and their download counts. SQL in {@code sql/queries/ArtifactDao/}. */
@RegisterConstructorMapper(ArtifactInfo.class)
@RegisterConstructorMapper(DailyDownloads.class)
public interface ArtifactDao {
    /** @return the new artifact's id, or empty if the job has one of that name */
    @SqlQuery
    Optional<Long> artifactAdd(long job, String name, String hash, long size, String signature);

    @SqlQuery
    List<ArtifactInfo> jobArtifacts(long job);

    @SqlQuery
    List<Long> artifactsMissing(Long[] ids);

    @SqlUpdate
    void artifactDownloadsAdd(Long[] artifacts, String[] days, Long[] counts);

    @SqlQuery
    boolean artifactExists(long artifact);

    @SqlQuery
    List<DailyDownloads> artifactDownloads(long artifact, LocalDate from, LocalDate to);
}
