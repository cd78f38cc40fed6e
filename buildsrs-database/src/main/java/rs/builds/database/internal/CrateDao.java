package rs.builds.database.internal;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import rs.builds.database.CrateInfo;

/** Crates. SQL in {@code sql/queries/CrateDao/}. */
@RegisterConstructorMapper(CrateInfo.class)
public interface CrateDao {
    @SqlUpdate
    void crateAdd(String name);

    @SqlQuery
    Optional<CrateInfo> crateInfo(String name);
}
