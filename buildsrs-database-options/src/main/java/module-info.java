/**
 * Database connection options that every buildsrs service adds to its command line; see
 * {@link rs.builds.database.options.DatabaseOptions}.
 */
module rs.builds.database.options {
    requires transitive rs.builds.database;
    requires transitive args4j;
    requires org.postgresql.jdbc;

    exports rs.builds.database.options;
    // args4j sets the annotated option fields reflectively
    opens rs.builds.database.options to args4j;
}
