package rs.builds.database.internal;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import rs.builds.database.TargetInfo;

/** Targets. SQL in {@code sql/queries/TargetDao/}. */
@RegisterConstructorMapper(TargetInfo.class)
public interface TargetDao {
    /** @return 1 if added, 0 if a target of that name exists */
    @SqlUpdate
    int targetAdd(String name);

    @SqlQuery
    List<TargetInfo> targetList();

    @SqlQuery
    Optional<TargetInfo> targetInfo(String name);

    @SqlQuery
    Optional<Long> targetId(String name);

    @SqlUpdate
    int targetSetEnabled(String name, boolean enabled);

    @SqlUpdate
    int targetRename(long target, String newName);

    @SqlQuery
    boolean targetHasJobs(long target);

    @SqlUpdate
    int targetRemove(long target);
}
