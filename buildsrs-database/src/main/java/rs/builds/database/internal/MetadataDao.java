package rs.builds.database.internal;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import rs.builds.database.MetadataCounts;

/** Counts over the whole database, for status displays. SQL in {@code sql/queries/MetadataDao/}. */
@RegisterConstructorMapper(MetadataCounts.class)
public interface MetadataDao {
    @SqlQuery
    MetadataCounts metadataCounts(long seenWithinMillis);
}
