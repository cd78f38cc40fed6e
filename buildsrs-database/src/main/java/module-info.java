/**
 * Typed API over the buildsrs metadata database. Start at {@link rs.builds.database.Metadata}.
 *
 * <p>Only the API package is exported; the Jdbi DAOs and handle implementations stay internal.
 */
module rs.builds.database {
    requires transitive java.sql;
    requires org.jdbi.v3.core;
    requires org.jdbi.v3.sqlobject;
    // Jdbi needs geantyref, but as an automatic module it cannot say so
    requires io.leangen.geantyref;
    requires org.postgresql.jdbc;
    // ConnectionConfig.dataSource() is a PGSimpleDataSource, which is Referenceable
    requires java.naming;
    requires java.logging;
    requires com.zaxxer.hikari;

    exports rs.builds.database;

    // Jdbi proxies the DAO interfaces, calls their default methods and maps rows reflectively
    opens rs.builds.database.internal to org.jdbi.v3.core, org.jdbi.v3.sqlobject;
}
