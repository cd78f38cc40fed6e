package rs.builds.database.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import rs.builds.database.Builder;

/** Maps a builder row with its public key and an array of target names. */
public final class BuilderMapper implements RowMapper<Builder> {
    /** Made by Jdbi. */
    public BuilderMapper() {
    }

    @Override
    public Builder map(ResultSet rs, StatementContext ctx) throws SQLException {
        OffsetDateTime heartbeat = rs.getObject("heartbeat", OffsetDateTime.class);
        Array targets = rs.getArray("targets");
        try {
            return new Builder(rs.getObject("uuid", UUID.class), rs.getString("encoded"), rs.getString("comment"),
                    rs.getBoolean("enabled"), heartbeat == null ? null : heartbeat.toInstant(),
                    List.of((String[]) targets.getArray()));
        } finally {
            targets.free();
        }
    }
}
