package rs.builds.database.internal;

import java.time.Instant;
import java.time.LocalDate;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Retention: pruning old jobs, logs and daily downloads in bounded batches. SQL in {@code sql/queries/RetentionDao/}. */
@RegisterConstructorMapper(RetentionDao.JobsBatch.class)
public interface RetentionDao {
    /**
     * What one batch did.
     *
     * @param scanned jobs considered (finished before the date), at most the limit: fewer means none is left
     * @param last the id of the last job considered, where the next batch starts
     * @param jobs jobs deleted
     * @param logsOf jobs kept whose logs were deleted
     * @param lines log lines deleted
     */
    record JobsBatch(long scanned, long last, long jobs, long logsOf, long lines) {
    }

    @SqlQuery
    JobsBatch jobsPruneBatch(Instant before, boolean logsOnly, long after, int limit);

    @SqlUpdate
    int downloadsPruneBatch(LocalDate before, int limit);
}
