/**
 * Temporary, fully migrated PostgreSQL databases for tests; see {@link rs.builds.database.temp.TempDatabase}.
 */
module rs.builds.database.temp {
    requires transitive java.sql;
    requires transitive org.junit.jupiter.api;
    requires rs.builds.database.migrations;
    requires org.postgresql.jdbc;
    // PGSimpleDataSource is Referenceable
    requires java.naming;
    // filename-based automatic module: zonky publishes no module name
    requires embedded.postgres;
    // zonky unpacks its PostgreSQL binaries with xz, but as an automatic module it cannot say so
    requires org.tukaani.xz;

    exports rs.builds.database.temp;
}
