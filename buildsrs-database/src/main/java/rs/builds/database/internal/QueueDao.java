package rs.builds.database.internal;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import rs.builds.database.QueueSettings;
import rs.builds.database.TargetQueueStats;

/** The build queue's state and settings, and the channel builders wait on. SQL in {@code sql/queries/QueueDao/}. */
@RegisterConstructorMapper(TargetQueueStats.class)
@RegisterRowMapper(QueueSettingsMapper.class)
public interface QueueDao {
    @SqlQuery
    List<TargetQueueStats> queueStats();

    @SqlQuery
    QueueSettings queueSettings();

    @SqlUpdate
    void queueSetLocked(boolean locked);

    @SqlUpdate
    void queueConfigure(int maxAttempts, long leaseMillis, long retryBackoffMillis);

    @SqlUpdate
    void listen();

    @SqlUpdate
    void unlisten();
}
