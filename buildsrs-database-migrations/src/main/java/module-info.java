/**
 * Schema migrations of the buildsrs metadata database.
 *
 * <p>Depend on this module to create or upgrade a database; see {@link rs.builds.database.migrations.Migrations}.
 */
module rs.builds.database.migrations {
    requires transitive java.sql;
    // filename-based automatic modules: flyway publishes no module name
    requires flyway.core;
    requires flyway.database.postgresql;
    requires org.postgresql.jdbc;

    exports rs.builds.database.migrations;
}
