package rs.builds.database.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import rs.builds.database.JobInfo;
import rs.builds.database.JobStage;

/** Maps a job row joined with its builder, target, crate and version. */
public final class JobInfoMapper implements RowMapper<JobInfo> {
    /** Made by Jdbi. */
    public JobInfoMapper() {
    }

    @Override
    public JobInfo map(ResultSet rs, StatementContext ctx) throws SQLException {
        boolean success = rs.getBoolean("success");
        Boolean outcome = rs.wasNull() ? null : success;
        return new JobInfo(rs.getObject("uuid", UUID.class), rs.getObject("builder", UUID.class),
                rs.getString("target"), rs.getString("crate"), rs.getString("version"), stage(rs.getInt("stage")),
                instant(rs, "started"), instant(rs, "timeout"), instant(rs, "ended"), outcome);
    }

    /** @return the stage at a position of job_stages, 1 to 4 */
    static JobStage stage(int position) {
        return JobStage.values()[position - 1];
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
