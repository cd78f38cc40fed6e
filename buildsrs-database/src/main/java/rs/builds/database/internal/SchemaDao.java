package rs.builds.database.internal;

import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The schema version the migrations left, from Flyway's history table. SQL in {@code sql/queries/SchemaDao/}. */
public interface SchemaDao {
    /** @return whether the history table exists, i.e. the database was ever migrated */
    @SqlQuery
    boolean schemaHistoryExists();

    /** @return the newest applied migration's version; read only if the history table exists */
    @SqlQuery
    Optional<String> schemaVersion();
}
