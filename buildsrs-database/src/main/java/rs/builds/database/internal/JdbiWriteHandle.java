package rs.builds.database.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import rs.builds.database.DownloadCount;
import rs.builds.database.IndexEntry;
import rs.builds.database.Isolation;
import rs.builds.database.SyncOptions;
import rs.builds.database.SyncSummary;
import rs.builds.database.JobInfo;
import rs.builds.database.JobStage;
import rs.builds.database.JobsPruned;
import rs.builds.database.QueueSettings;
import rs.builds.database.DatabaseException;
import rs.builds.database.DatabaseUnavailableException;
import rs.builds.database.TransientConflictException;
import rs.builds.database.WriteHandle;

/** {@link WriteHandle} over one Jdbi handle holding one open transaction. */
public final class JdbiWriteHandle extends JdbiReadHandle implements WriteHandle {
    private enum State { OPEN, COMMITTED, ROLLED_BACK, FAILED }

    private static final Map<Isolation, String> SET_ISOLATION = Map.of(
            Isolation.READ_COMMITTED, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED",
            Isolation.REPEATABLE_READ, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ",
            Isolation.SERIALIZABLE, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");

    private State state = State.OPEN;
    private RetentionStore retention;
    private DatabaseException failure;

    /**
     * Begins the transaction and sets its isolation level inside it ({@code SET TRANSACTION}, sent with the
     * driver's {@code BEGIN} in one round trip), never for the session: JDBC's {@code setTransactionIsolation}
     * sets the session's default before {@code BEGIN}, which behind a transaction pooler lands on whatever server
     * connection is free and becomes the level of another client's transactions.
     *
     * @param explicitDefault whether to set read committed too, because the server session may be shared with
     *        clients that changed its default (a transaction pooler); otherwise it is the server's default
     */
    JdbiWriteHandle(Handle handle, Isolation isolation, boolean explicitDefault, AtomicInteger open) {
        super(handle, open);
        handle.begin();
        if (isolation != Isolation.READ_COMMITTED || explicitDefault) {
            handle.execute(SET_ISOLATION.get(isolation));
        }
    }

    /**
     * Commits unless the transaction already ended (committed or rolled back by the caller).
     *
     * @throws TransientConflictException if an operation failed with it, so the caller may retry the work
     * @throws IllegalStateException if an operation failed otherwise and the work went on as if it had not:
     *         nothing was committed, and returning normally would hide that
     */
    public void commitIfOpen() {
        if (state == State.FAILED) {
            if (failure instanceof TransientConflictException conflict) {
                throw conflict;
            }
            throw new IllegalStateException("nothing was committed: an operation failed (" + failure.getMessage()
                    + ") and rolled the transaction back, and the work carried on", failure);
        }
        if (state == State.OPEN) {
            commit();
        }
    }

    @Override
    public void crateAdd(String name) {
        runVoid("adding crate '" + name + "'", () -> crates().add(name));
    }

    @Override
    public void crateVersionAdd(String name, String version, String checksum, boolean yanked) {
        runVoid("adding crate '" + name + "' version '" + version + "'",
                () -> crates().versionAdd(name, version, checksum, yanked));
    }

    @Override
    public SyncSummary sync(Iterator<IndexEntry> rows, SyncOptions options) {
        return run("syncing crates and versions", () -> sync().sync(rows, options));
    }

    @Override
    public void crateSetEnabled(String name, boolean enabled) {
        runVoid((enabled ? "enabling" : "disabling") + " crate '" + name + "'", () -> crates().setEnabled(name, enabled));
    }

    @Override
    public void builderAdd(UUID uuid, String publicKey, String comment) {
        runVoid("adding builder " + uuid, () -> builders().add(uuid, publicKey, comment));
    }

    @Override
    public void builderSetEnabled(UUID uuid, boolean enabled) {
        runVoid((enabled ? "enabling" : "disabling") + " builder " + uuid, () -> builders().setEnabled(uuid, enabled));
    }

    @Override
    public void builderSetComment(UUID uuid, String comment) {
        runVoid("setting the comment of builder " + uuid, () -> builders().setComment(uuid, comment));
    }

    @Override
    public void builderTargetAdd(UUID uuid, String target) {
        runVoid("adding target '" + target + "' to builder " + uuid, () -> builders().targetAdd(uuid, target));
    }

    @Override
    public void builderTargetRemove(UUID uuid, String target) {
        runVoid("removing target '" + target + "' from builder " + uuid, () -> builders().targetRemove(uuid, target));
    }

    @Override
    public void builderRemove(UUID uuid) {
        runVoid("removing builder " + uuid, () -> builders().remove(uuid));
    }

    @Override
    public void targetAdd(String name) {
        runVoid("adding target '" + name + "'", () -> targets().add(name));
    }

    @Override
    public void targetRemove(String name) {
        runVoid("removing target '" + name + "'", () -> targets().remove(name));
    }

    @Override
    public void targetSetEnabled(String name, boolean enabled) {
        runVoid((enabled ? "enabling" : "disabling") + " target '" + name + "'", () -> targets().setEnabled(name, enabled));
    }

    @Override
    public void targetRename(String name, String newName) {
        runVoid("renaming target '" + name + "' to '" + newName + "'", () -> targets().rename(name, newName));
    }

    @Override
    public void crateSetPriority(String name, int priority) {
        runVoid("setting the priority of crate '" + name + "'", () -> crates().setPriority(name, priority));
    }

    @Override
    public Optional<JobInfo> jobRequest(UUID builder) {
        return run("claiming a job for builder " + builder, () -> jobs().request(builder));
    }

    @Override
    public void jobStage(UUID job, JobStage stage) {
        runVoid("moving job " + job + " to stage " + stage, () -> jobs().stage(job, stage));
    }

    @Override
    public void jobLog(UUID job, List<String> lines) {
        runVoid("appending to the log of job " + job, () -> jobs().log(job, lines));
    }

    @Override
    public void jobHeartbeat(UUID job) {
        runVoid("extending the lease of job " + job, () -> jobs().heartbeat(job));
    }

    @Override
    public void jobFinish(UUID job, boolean success) {
        runVoid("finishing job " + job, () -> jobs().finish(job, success));
    }

    @Override
    public int jobsExpire(Instant now) {
        return run("expiring jobs", () -> jobs().expire(now));
    }

    @Override
    public JobsPruned jobsPrune(Instant finishedBefore, boolean logsOnly) {
        return run("pruning jobs that finished before " + finishedBefore, () -> retention().jobs(finishedBefore, logsOnly));
    }

    /** One batch of {@link #jobsPrune}, after the job of internal id {@code after}; see RetentionStore. */
    RetentionDao.JobsBatch jobsPruneBatch(Instant finishedBefore, boolean logsOnly, long after) {
        return run("pruning jobs that finished before " + finishedBefore,
                () -> retention().jobsBatch(finishedBefore, logsOnly, after));
    }

    @Override
    public long downloadsPrune(LocalDate before) {
        return run("pruning daily downloads before " + before, () -> retention().downloads(before));
    }

    /** One batch of {@link #downloadsPrune}. */
    int downloadsPruneBatch(LocalDate before) {
        return run("pruning daily downloads before " + before, () -> retention().downloadsBatch(before));
    }

    private RetentionStore retention() {
        if (retention == null) {
            retention = new RetentionStore(handle);
        }
        return retention;
    }

    @Override
    public long jobArtifactAdd(UUID job, String name, String hash, long size, String signature) {
        return run("adding artifact '" + name + "' to job " + job, () -> artifacts().add(job, name, hash, size, signature));
    }

    @Override
    public void artifactDownloadsAdd(List<DownloadCount> counts) {
        runVoid("adding download counts", () -> artifacts().downloadsAdd(counts));
    }

    @Override
    public void jobRequeue(String crate, String version, String target) {
        runVoid("requeueing crate '" + crate + "' version '" + version + "' for target '" + target + "'",
                () -> jobs().requeue(crates().versionId(crate, version), targets().id(target), crate, version,
                        target));
    }

    @Override
    public void queueLock() {
        runVoid("locking the queue", () -> queue().queueSetLocked(true));
    }

    @Override
    public void queueUnlock() {
        runVoid("unlocking the queue", () -> queue().queueSetLocked(false));
    }

    @Override
    public void queueConfigure(int maxAttempts, Duration lease, Duration retryBackoff) {
        runVoid("configuring the queue", () -> {
            QueueSettings.check(maxAttempts, lease, retryBackoff);
            queue().queueConfigure(maxAttempts, lease.toMillis(), retryBackoff.toMillis());
        });
    }

    @Override
    public void commit() {
        try {
            runVoid("committing", () -> {
                handle.commit();
                state = State.COMMITTED;
            });
        } catch (DatabaseUnavailableException lost) {
            // the server may have committed before the connection went: only the database can tell
            throw new DatabaseUnavailableException(lost.getMessage() + ". The connection went during the commit, so"
                    + " whether the transaction was committed is unknown: check what it wrote before running it again",
                    lost.getCause());
        }
    }

    @Override
    public void rollback() {
        checkUsable();
        rollbackQuietly();
        state = State.ROLLED_BACK;
    }

    @Override
    protected void failed(DatabaseException error) {
        // PostgreSQL aborts the transaction on any error; end it now so the rule is simply
        // "a failed operation rolls back the whole transaction".
        rollbackQuietly();
        state = State.FAILED;
        failure = error;
    }

    @Override
    protected void checkUsable() {
        super.checkUsable();
        switch (state) {
            case OPEN -> { }
            case COMMITTED -> throw new IllegalStateException(
                    "this write handle was committed; open a new one with Metadata.write()");
            case ROLLED_BACK -> throw new IllegalStateException(
                    "this write handle was rolled back; open a new one with Metadata.write()");
            case FAILED -> throw new IllegalStateException("this write handle's transaction was rolled back after"
                    + " an error (" + failure.getMessage() + "); open a new one with Metadata.write()", failure);
        }
    }

    @Override
    public void close() {
        if (state == State.OPEN) {
            rollbackQuietly();
            state = State.ROLLED_BACK;
        }
        super.close();
    }

    private void rollbackQuietly() {
        try {
            if (handle.isInTransaction()) {
                handle.rollback();
            }
        } catch (JdbiException e) {
            // the connection is already gone, and the server discards the transaction with it
        }
    }
}
