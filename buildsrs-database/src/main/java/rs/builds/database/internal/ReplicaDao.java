package rs.builds.database.internal;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** How far a streaming replica is behind its primary. SQL in {@code sql/queries/ReplicaDao/}. */
@RegisterConstructorMapper(ReplicaDao.ReplayPosition.class)
public interface ReplicaDao {
    /**
     * Where replay stands on a replica.
     *
     * @param standby whether the server is in recovery (a standby)
     * @param replayLsn the end of the last WAL record replayed, or {@code null} if not in recovery
     * @param lagMillis how long replay has been behind what was received, or {@code null} if unknown
     */
    record ReplayPosition(boolean standby, String replayLsn, Long lagMillis) {
    }

    /** @return on the replica: where replay stands */
    @SqlQuery
    ReplayPosition replayPosition();

    /**
     * @param replayLsn the replica's replay position
     * @return on the primary: WAL bytes written beyond it
     */
    @SqlQuery
    long lagBytes(String replayLsn);
}
