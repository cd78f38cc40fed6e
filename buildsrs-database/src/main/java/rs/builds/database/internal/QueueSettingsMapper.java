package rs.builds.database.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import rs.builds.database.QueueSettings;

/** Maps the queue settings row, whose intervals the query gives in milliseconds. */
public final class QueueSettingsMapper implements RowMapper<QueueSettings> {
    /** Made by Jdbi. */
    public QueueSettingsMapper() {
    }

    @Override
    public QueueSettings map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new QueueSettings(rs.getBoolean("locked"), rs.getInt("max_attempts"),
                Duration.ofMillis(Math.round(rs.getDouble("lease_millis"))),
                Duration.ofMillis(Math.round(rs.getDouble("retry_backoff_millis"))));
    }
}
