package rs.builds.database.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Runs the benchmarks' set-up statements, kept in {@code sql/bench/NAME.sql} with {@code ?} parameters. */
public final class BenchSql {
    private BenchSql() {
    }

    /** @return the text of {@code sql/bench/NAME.sql} */
    public static String load(String name) {
        String path = "/buildsrs-database-bench-sql/" + name + ".sql";
        try (InputStream in = BenchSql.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a query file with the given parameters; returns the first column of its first row, as text. */
    public static String single(Connection connection, String name, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(load(name))) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException(name + ".sql returned no row");
                }
                return rows.getString(1);
            }
        }
    }

    /** Executes a statement file with the given parameters; returns the update count. */
    public static long execute(Connection connection, String name, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(load(name))) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
            return statement.getUpdateCount();
        }
    }
}
