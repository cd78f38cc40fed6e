package rs.builds.database;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** Connections that act as a role ({@code SET ROLE}), as a login role that is a member of it would. */
final class RoleDataSource implements DataSource {
    private final DataSource owner;
    private final String role;

    RoleDataSource(DataSource owner, String role) {
        this.owner = owner;
        this.role = role;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = owner.getConnection();
        try (var statement = connection.createStatement()) {
            statement.execute("SET ROLE " + role);
        }
        return connection;
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
