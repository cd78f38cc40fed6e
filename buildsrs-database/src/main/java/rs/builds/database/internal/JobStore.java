package rs.builds.database.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import rs.builds.database.ConflictException;
import rs.builds.database.DatabaseException;
import rs.builds.database.InvalidInputException;
import rs.builds.database.JobFilter;
import rs.builds.database.JobInfo;
import rs.builds.database.JobLogLine;
import rs.builds.database.JobStage;
import rs.builds.database.Names;
import rs.builds.database.NotFoundException;

/** Job operations: claims, stages, logs, heartbeats and endings, with their rules, over the DAO. */
final class JobStore {
    private static final String CLAIM = SqlFileLocator.sql(JobDao.class, "jobClaim");
    private static final String LOG_INSERT = SqlFileLocator.sql(JobDao.class, "jobLogInsert");

    private final Handle handle;
    /** Attached on first use: attaching prepares every method of the DAO, which a claim does not need. */
    private JobDao jobs;

    JobStore(Handle handle) {
        this.handle = handle;
    }

    private JobDao dao() {
        if (jobs == null) {
            jobs = handle.attach(JobDao.class);
        }
        return jobs;
    }

    Optional<JobInfo> request(UUID builder) {
        Inputs.uuid(builder);
        // The hot path, in plain JDBC: Jdbi's statement set-up (a configuration copy, binders, mapper lookups)
        // cost the JVM more than the rest of a claim. The driver keeps the statement prepared on the server.
        String status;
        JobInfo job = null;
        try (PreparedStatement claim = handle.getConnection().prepareStatement(CLAIM)) {
            claim.setObject(1, builder);
            try (ResultSet row = claim.executeQuery()) {
                if (!row.next()) {
                    // job_claim always answers with one row; none means the queue refers to versions that are gone
                    throw new DatabaseException("claiming a job for builder " + builder + ": the claim function"
                            + " answered nothing (are crates, versions and the queue out of step?)", null);
                }
                status = row.getString("status");
                if ("claimed".equals(status)) {
                    job = new JobInfo(row.getObject("job", UUID.class), builder, row.getString("target"),
                            row.getString("crate"), row.getString("version"), JobStage.INIT,
                            row.getObject("started", OffsetDateTime.class).toInstant(),
                            row.getObject("timeout", OffsetDateTime.class).toInstant(), null, null);
                }
            }
        } catch (SQLException e) {
            throw Errors.translate("claiming a job for builder " + builder, e);
        }
        return switch (status) {
            case "claimed" -> Optional.of(job);
            case "empty", "locked" -> Optional.empty();
            case "unknown builder" -> throw new NotFoundException("builder", builder.toString());
            case "disabled builder" -> throw new ConflictException(ConflictException.Reason.BUILDER_DISABLED, "builder",
                    builder.toString(), "builder " + builder
                    + " is disabled; an admin must enable it before it takes jobs", null);
            default -> throw new IllegalStateException("job_claim returned status " + status);
        };
    }

    JobInfo info(UUID job) {
        return dao().jobInfo(Inputs.uuid(job)).orElseThrow(() -> notFound(job));
    }

    List<JobInfo> list(JobFilter filter) {
        if (filter == null) {
            throw new InvalidInputException("job filter must not be null; use JobFilter.all()");
        }
        Inputs.limit(filter.limit(), JobFilter.MAX_LIMIT);
        if (filter.offset() < 0) {
            throw new InvalidInputException("offset must not be negative (got " + filter.offset() + ")");
        }
        UUID builder = filter.builder();
        String target = filter.target() == null ? null : Names.targetName(filter.target());
        String crate = filter.crate() == null ? null : Names.crateName(filter.crate());
        String version = filter.version() == null ? null : Names.version(filter.version());
        if (version != null && crate == null) {
            throw new InvalidInputException("job filter has version " + Inputs.quote(version)
                    + " but no crate; a version means nothing without its crate: give the crate too");
        }
        if (Boolean.TRUE.equals(filter.active()) && filter.success() != null) {
            throw new InvalidInputException("job filter asks for running jobs that "
                    + (filter.success() ? "succeeded" : "failed") + ", but a running job has no result yet; drop"
                    + " active(true): success(" + filter.success() + ") matches finished jobs only");
        }
        JobDao.JobListIds ids = builder == null && target == null && crate == null
                ? new JobDao.JobListIds(null, null, null, null)
                : dao().jobListIds(builder, target, crate, version);
        if (builder != null && ids.builder() == null) {
            throw new NotFoundException("builder", builder.toString());
        }
        if (target != null && ids.target() == null) {
            throw new NotFoundException("target", target);
        }
        if (crate != null && ids.crate() == null) {
            throw new NotFoundException("crate", crate);
        }
        if (version != null && ids.versions() == null) {
            throw new NotFoundException("version of crate '" + crate + "'", version);
        }
        return dao().jobList(ids.builder(), ids.target(), ids.versions(), filter.active(), filter.success(),
                filter.limit(), filter.offset());
    }

    void stage(UUID job, JobStage stage) {
        if (stage == null) {
            throw new InvalidInputException("stage must not be null");
        }
        JobDao.JobRef ref = running(job);
        if (dao().jobStage(ref.id(), stage.ordinal() + 1) == 0) {
            throw new ConflictException(ConflictException.Reason.STAGE_PASSED, "job", job.toString(), "job " + job
                    + " is at stage " + JobInfoMapper.stage(ref.stage()).label()
                    + " already; stages only move forward (init, fetch, build, upload)", null);
        }
    }

    void log(UUID job, List<String> lines) {
        if (lines == null) {
            throw new InvalidInputException("log lines must not be null");
        }
        for (int i = 0; i < lines.size(); i++) {
            Inputs.text("log line " + i, lines.get(i));
        }
        Inputs.uuid(job);
        if (lines.isEmpty()) {
            running(job);
            return;
        }
        // one statement for any batch: chunks of up to 1,000 lines (V9), the job locked against a finish meanwhile;
        // plain JDBC as for claims, since a single-line append is mostly statement set-up
        int chunks;
        try (PreparedStatement insert = handle.getConnection().prepareStatement(LOG_INSERT)) {
            insert.setObject(1, job);
            insert.setArray(2, handle.getConnection().createArrayOf("text", lines.toArray()));
            chunks = insert.executeUpdate();
        } catch (SQLException e) {
            throw Errors.translate("appending to the log of job " + job, e);
        }
        if (chunks == 0) {
            running(job); // throws: the job is missing or finished
        }
    }

    long logs(UUID job, Consumer<JobLogLine> each) {
        if (each == null) {
            throw new InvalidInputException("log line consumer must not be null");
        }
        long id = ref(job).id();
        long count = 0;
        try (Stream<JobLogLine> lines = dao().jobLogs(id)) {
            for (var iterator = lines.iterator(); iterator.hasNext(); count++) {
                each.accept(iterator.next());
            }
        }
        return count;
    }

    void heartbeat(UUID job) {
        if (dao().jobHeartbeat(running(job).id()) == 0) {
            throw finished(job);
        }
    }

    void finish(UUID job, boolean success) {
        long id = running(job).id();
        if (dao().jobFinish(id, success) == 0) {
            throw finished(job);
        }
        // a statement of its own, after the finish: it sees every append that committed before the finish
        dao().jobLogsCompact(new long[] {id});
    }

    int expire(Instant now) {
        if (now == null) {
            throw new InvalidInputException("expiry time must not be null");
        }
        long[] expired = dao().jobsExpire(now).stream().mapToLong(Long::longValue).toArray();
        if (expired.length > 0) {
            dao().jobLogsCompact(expired);
        }
        return expired.length;
    }

    /**
     * Queues a pair again with fresh attempts.
     *
     * @param crateVersion the version's id
     * @param target the target's id
     * @param crate the crate as the caller named it, for the conflict
     * @param version the version, for the conflict
     * @param targetName the target as the caller named it, for the conflict
     */
    void requeue(long crateVersion, long target, String crate, String version, String targetName) {
        if (dao().jobRequeue(crateVersion, target) == 0) {
            throw new ConflictException(ConflictException.Reason.BUILDING, "pair", crate + " " + version + " "
                    + targetName, "crate '" + crate + "' version '" + version + "' is being built for target '"
                    + targetName + "' now; requeue it after its job ends", null);
        }
    }

    /** @return the job, which must exist */
    JobDao.JobRef ref(UUID job) {
        return dao().jobRef(Inputs.uuid(job)).orElseThrow(() -> notFound(job));
    }

    /** @return the running job, locked against a stage change or finish until the transaction ends */
    JobDao.JobRef runningForShare(UUID job) {
        JobDao.JobRef ref = dao().jobRefForShare(job).orElseThrow(() -> notFound(job));
        if (!ref.running()) {
            throw finished(job);
        }
        return ref;
    }

    /** @return the job, which must exist and be running */
    JobDao.JobRef running(UUID job) {
        JobDao.JobRef ref = ref(job);
        if (!ref.running()) {
            throw finished(job);
        }
        return ref;
    }

    private static ConflictException finished(UUID job) {
        return new ConflictException(ConflictException.Reason.JOB_FINISHED, "job", job.toString(), "job " + job
                + " has finished; a finished job cannot change", null);
    }

    private static NotFoundException notFound(UUID job) {
        return new NotFoundException("job", String.valueOf(job));
    }
}
