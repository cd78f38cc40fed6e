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
    // zonky needs these named modules at run time, but as an automatic module it cannot say so
    requires org.tukaani.xz;
    requires org.apache.commons.io;
    requires org.apache.commons.lang3;
    requires org.apache.commons.compress;
    requires org.apache.commons.codec;

    // quiet by default: SLF4J's no-operation provider where a project has none, Flyway's java.util.logging level
    requires org.slf4j;
    requires java.logging;
    uses org.slf4j.spi.SLF4JServiceProvider;

    exports rs.builds.database.temp;
}
