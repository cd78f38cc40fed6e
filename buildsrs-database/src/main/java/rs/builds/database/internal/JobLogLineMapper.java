package rs.builds.database.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import rs.builds.database.JobLogLine;

/** Maps a log line with its stage position. */
public final class JobLogLineMapper implements RowMapper<JobLogLine> {
    /** Made by Jdbi. */
    public JobLogLineMapper() {
    }

    @Override
    public JobLogLine map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new JobLogLine(JobInfoMapper.stage(rs.getInt("stage")), rs.getString("line"));
    }
}
