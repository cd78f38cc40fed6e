package rs.builds.database.internal;

import java.util.List;
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

    @SqlQuery
    Optional<Long> crateId(String name);

    /** Crates by name, when there is no query to rank by. */
    @SqlQuery
    List<CrateInfo> crateListAll(int limit);

    /** Crates matching a query by trigram similarity or as a substring ({@code pattern}: an ILIKE pattern). */
    @SqlQuery
    List<CrateInfo> crateSearch(String query, String pattern, int limit);

    @SqlUpdate
    int crateSetEnabled(String name, boolean enabled);

    @SqlUpdate
    int crateSetPriority(String name, int priority);
}
