package rs.builds.database.internal;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import rs.builds.database.CrateInfo;

/** Crates. SQL in {@code sql/queries/CrateDao/}. */
@RegisterConstructorMapper(CrateInfo.class)
public interface CrateDao {
    @SqlUpdate
    int crateAdd(String name);

    @SqlQuery
    Optional<CrateInfo> crateInfo(String name);

    @SqlQuery
    Optional<Long> crateId(String name);

    /** A page of crates by name, when there is no query to rank by. */
    @SqlQuery
    List<CrateInfo> crateListAll(int limit, int offset);

    /** Every crate by name, fetched a thousand at a time. */
    @SqlQuery
    @FetchSize(1000)
    Stream<CrateInfo> crateStreamAll();

    @SqlQuery
    long crateCount();

    /**
     * A page of the crates matching a query by trigram similarity or as a substring ({@code pattern}: an ILIKE
     * pattern).
     */
    @SqlQuery
    List<CrateInfo> crateSearch(String query, String pattern, int limit, int offset);

    /** Every crate matching a query, best first, fetched a thousand at a time. */
    @SqlQuery
    @FetchSize(1000)
    Stream<CrateInfo> crateSearchStream(String query, String pattern);

    @SqlQuery
    long crateSearchCount(String query, String pattern);

    @SqlUpdate
    int crateSetEnabled(String name, boolean enabled);

    @SqlUpdate
    int crateSetPriority(String name, int priority);
}
