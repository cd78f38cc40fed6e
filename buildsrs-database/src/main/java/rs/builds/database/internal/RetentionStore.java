package rs.builds.database.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Handle;
import rs.builds.database.InvalidInputException;
import rs.builds.database.Isolation;
import rs.builds.database.JobsPruned;
import rs.builds.database.Metadata;

/** Retention over the DAO: the checks that keep a prune from removing what it must not, and its batches. */
public final class RetentionStore {
    /** Jobs considered per batch: a few hundred thousand log lines at most, deleted in well under a second. */
    public static final int JOB_BATCH = 500;
    /** Daily download rows per batch. */
    public static final int DOWNLOAD_BATCH = 10_000;

    private final RetentionDao dao;

    RetentionStore(Handle handle) {
        this.dao = handle.attach(RetentionDao.class);
    }

    /** @throws InvalidInputException if the date is missing or in the future; checked before anything is removed */
    public static Instant checkFinishedBefore(Instant finishedBefore, Clock clock) {
        if (finishedBefore == null) {
            throw new InvalidInputException("a job prune needs a date (jobs that finished before it go): without one"
                    + " it would remove every finished job; give e.g. --finished-before 2025-01-01");
        }
        Instant now = clock.instant();
        if (finishedBefore.isAfter(now)) {
            throw new InvalidInputException("finished-before date " + finishedBefore + " is in the future (now is "
                    + now + "); give a date in the past: jobs that finished before it are removed");
        }
        return finishedBefore;
    }

    /** @throws InvalidInputException if the date is missing or after today (UTC) */
    public static LocalDate checkDownloadsBefore(LocalDate before, Clock clock) {
        if (before == null) {
            throw new InvalidInputException("a downloads prune needs a date (daily rows before it go): without one it"
                    + " would remove every daily row; give e.g. --before 2025-01-01");
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (before.isAfter(today)) {
            throw new InvalidInputException("downloads prune date " + before + " is in the future (today is " + today
                    + " UTC); give today or an earlier day: daily rows before it are removed");
        }
        return before;
    }

    /** One batch of jobs after {@code after} (an internal id); see jobsPruneBatch.sql. */
    public RetentionDao.JobsBatch jobsBatch(Instant finishedBefore, boolean logsOnly, long after) {
        return dao.jobsPruneBatch(finishedBefore, logsOnly, after, JOB_BATCH);
    }

    /** Every batch, in the caller's transaction. */
    JobsPruned jobs(Instant finishedBefore, boolean logsOnly) {
        checkFinishedBefore(finishedBefore, Clock.systemUTC());
        JobsPruned total = JobsPruned.NONE;
        long after = 0;
        RetentionDao.JobsBatch batch;
        do {
            batch = jobsBatch(finishedBefore, logsOnly, after);
            total = total.plus(pruned(batch));
            after = batch.last();
        } while (batch.scanned() == JOB_BATCH);
        return total;
    }

    static JobsPruned pruned(RetentionDao.JobsBatch batch) {
        return new JobsPruned(batch.jobs(), batch.logsOf(), batch.lines());
    }

    /** One batch of the oldest daily rows; fewer than {@link #DOWNLOAD_BATCH} means none is left. */
    public int downloadsBatch(LocalDate before) {
        return dao.downloadsPruneBatch(before, DOWNLOAD_BATCH);
    }

    /** Every batch, in the caller's transaction. */
    long downloads(LocalDate before) {
        checkDownloadsBefore(before, Clock.systemUTC());
        long total = 0;
        int removed;
        do {
            removed = downloadsBatch(before);
            total += removed;
        } while (removed == DOWNLOAD_BATCH);
        return total;
    }

    /** {@link Metadata#jobsPrune}: each batch in a transaction of its own, so no lock or snapshot is held long. */
    public static JobsPruned jobsInTransactions(Database database, Instant finishedBefore, boolean logsOnly) {
        checkFinishedBefore(finishedBefore, Clock.systemUTC());
        JobsPruned total = JobsPruned.NONE;
        long after = 0;
        while (true) {
            long from = after;
            RetentionDao.JobsBatch batch = database.inTransaction(Isolation.READ_COMMITTED,
                    write -> write.jobsPruneBatch(finishedBefore, logsOnly, from));
            total = total.plus(pruned(batch));
            after = batch.last();
            if (batch.scanned() < JOB_BATCH) {
                return total;
            }
        }
    }

    /** {@link Metadata#downloadsPrune}: each batch in a transaction of its own. */
    public static long downloadsInTransactions(Database database, LocalDate before) {
        checkDownloadsBefore(before, Clock.systemUTC());
        long total = 0;
        while (true) {
            int removed = database.inTransaction(Isolation.READ_COMMITTED, write -> write.downloadsPruneBatch(before));
            total += removed;
            if (removed < DOWNLOAD_BATCH) {
                return total;
            }
        }
    }
}
