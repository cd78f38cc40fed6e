package rs.builds.database.migrations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The least-privilege roles of the services: {@value #BACKEND}, {@value #REGISTRY_SYNC} and {@value #ADMIN}, all
 * NOLOGIN. {@link #apply(DataSource)} creates any that are missing and grants each exactly its rights on the
 * database (see {@code sql/roles/roles.sql}); run it after every migration. Operators then make real login roles
 * members, e.g. {@code CREATE ROLE backend_prod LOGIN PASSWORD '...' IN ROLE buildsrs_backend}.
 */
public final class Roles {
    /** The backend: runs jobs, logs, artifacts, downloads and the queue; reads the rest. */
    public static final String BACKEND = "buildsrs_backend";
    /** The registry-sync service: writes crates and versions. */
    public static final String REGISTRY_SYNC = "buildsrs_registry_sync";
    /** Admins: all data, no schema changes. */
    public static final String ADMIN = "buildsrs_admin";

    private static final String SCRIPT = "/buildsrs-database-roles/roles.sql";

    private Roles() {
    }

    /**
     * Creates the roles if missing and (re)grants their rights on the migrated database.
     *
     * @param dataSource connections as a user with CREATEROLE that owns the schema's tables
     * @throws MigrationException if the user lacks those rights or the database is not migrated
     */
    public static void apply(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        String script;
        try (InputStream in = Roles.class.getResourceAsStream(SCRIPT)) {
            script = new String(Objects.requireNonNull(in, SCRIPT).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MigrationException("cannot read " + SCRIPT + ": " + e.getMessage(), e);
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute(script);
            connection.commit();
        } catch (SQLException e) {
            throw new MigrationException("applying the roles failed: " + e.getMessage()
                    + " (the user needs CREATEROLE and must own the tables; run 'migrate' first)", e);
        }
    }
}
