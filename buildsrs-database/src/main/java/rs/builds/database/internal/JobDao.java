package rs.builds.database.internal;

import java.time.Instant;
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
@RegisterConstructorMapper(JobDao.JobRef.class)
@RegisterConstructorMapper(JobDao.JobListIds.class)
public interface JobDao {
    /** A job as the checks of later operations need it; {@code stage} is the stage's position, 1 to 4. */
    record JobRef(long id, int stage, boolean running) {
    }

    /**
     * The ids of what a {@link #jobList} call names; null for a criterion not given or naming nothing.
     * {@code versions}: the named version's id, or else the crate's version ids.
     */
    record JobListIds(Long builder, Long target, Long crate, List<Long> versions) {
    }

    // jobClaim.sql is run by JobStore through plain JDBC: a SQL Object call (or a fluent Jdbi query) sets up a
    // configuration copy, binders and mappers on every invocation, more JVM work than the rest of a claim.

    @SqlQuery
    Optional<JobRef> jobRef(UUID uuid);

    @SqlQuery
    Optional<JobInfo> jobInfo(UUID uuid);

    @SqlQuery
    @PlannedPerCall
    List<JobInfo> jobList(Long builder, Long target, List<Long> versions, Boolean active, Boolean success, int limit,
                          int offset);

    /** Asked before {@link #jobList} when a criterion names something, to report a misspelt name at once. */
    @SqlQuery
    JobListIds jobListIds(UUID builder, String target, String crate, String version);

    @SqlUpdate
    int jobStage(long job, int stage);

    /** The job, locked against a stage change or finish until the transaction ends. */
    @SqlQuery
    Optional<JobRef> jobRefForShare(UUID uuid);

    // jobLogInsert.sql (appending log lines) is run by JobStore through plain JDBC too: every line of every build
    // comes through it, and a single-line append is mostly that set-up.

    /** Merges the small log chunks of finished jobs (SQL function job_logs_compact). */
    @SqlQuery
    long jobLogsCompact(long[] jobs);

    /** Needs a transaction: without one the driver reads the whole result at once. */
    @SqlQuery
    @FetchSize(1000)
    Stream<JobLogLine> jobLogs(long job);

    @SqlUpdate
    int jobHeartbeat(long job);

    @SqlUpdate
    int jobFinish(long job, boolean success);

    /** @return 1 if the pair was queued with fresh attempts, 0 if a job is building it */
    @SqlUpdate
    int jobRequeue(long crateVersion, long target);

    /** @return the ids of the jobs that expired */
    @SqlQuery
    List<Long> jobsExpire(Instant now);
}
