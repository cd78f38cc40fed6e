/** Benchmarks of the buildsrs metadata database; run {@code java -jar buildsrs-database-bench.jar --help}. */
module rs.builds.database.bench {
    requires rs.builds.database;
    requires rs.builds.database.temp;
    requires rs.builds.database.migrations;
    requires org.postgresql.jdbc;
    requires args4j;
    requires jdk.management;

    // args4j sets the option fields reflectively
    opens rs.builds.database.bench to args4j;
}
