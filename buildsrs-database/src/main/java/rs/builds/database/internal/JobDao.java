package rs.builds.database.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import rs.builds.database.JobInfo;
import rs.builds.database.JobLogLine;

/** Jobs: claims, stages, logs, heartbeats, endings. SQL in {@code sql/queries/JobDao/}. */
@RegisterRowMapper(JobInfoMapper.class)
@RegisterRowMapper(JobLogLineMapper.class)
@RegisterConstructorMapper(JobDao.Claim.class)
@RegisterConstructorMapper(JobDao.JobRef.class)
public interface JobDao {
    /**
     * What the function job_claim did: {@code status} is claimed, empty, locked, unknown builder or disabled
     * builder; the other fields are set only for claimed.
     */
    record Claim(String status, String target, String crate, String version, OffsetDateTime started,
                 OffsetDateTime timeout) {
    }

    /** A job as the checks of later operations need it; {@code stage} is the stage's position, 1 to 4. */
    record JobRef(long id, int stage, boolean running) {
    }

    /** Claims the next pair for a builder, creating job {@code uuid}. */
    @SqlQuery
    Claim jobClaim(UUID builder, UUID uuid);

    @SqlQuery
    Optional<JobRef> jobRef(UUID uuid);

    @SqlQuery
    Optional<JobInfo> jobInfo(UUID uuid);

    @SqlQuery
    List<JobInfo> jobList(UUID builder, String target, String crate, Boolean active, int limit, int offset);

    @SqlUpdate
    int jobStage(long job, int stage);

    @SqlUpdate
    int jobLog(long job, String[] lines);

    /** Needs a transaction: without one the driver reads the whole result at once. */
    @SqlQuery
    @FetchSize(1000)
    Stream<JobLogLine> jobLogs(long job);

    @SqlUpdate
    int jobHeartbeat(long job);

    @SqlUpdate
    int jobFinish(long job, boolean success);

    @SqlUpdate
    int jobsExpire(Instant now);
}
