/**
 * The buildsrs-database admin command line. Run {@code java -jar buildsrs-database.jar --help}.
 */
module rs.builds.database.cli {
    requires rs.builds.database;
    requires rs.builds.database.migrations;
    requires rs.builds.database.options;
    requires args4j;
    // --json output, written as explicit node trees: nothing is serialized reflectively, so nothing is opened
    requires com.fasterxml.jackson.databind;
    // crate import reads the index with the streaming parser
    requires com.fasterxml.jackson.core;
    // crate import's progress bar on a terminal (it reads the terminal's width through jline)
    requires me.tongfei.progressbar;
    requires org.postgresql.jdbc;
    requires org.slf4j;
    // the core logs through System.Logger, which is java.util.logging here: quiet unless --verbose
    requires java.logging;
    // filename-based automatic module: zonky publishes no module name
    requires embedded.postgres;
    // zonky needs these named modules at run time, but as an automatic module it cannot say so
    requires org.tukaani.xz;
    requires org.apache.commons.io;
    requires org.apache.commons.lang3;
    requires org.apache.commons.compress;
    requires org.apache.commons.codec;

    // args4j instantiates the commands and sets their option fields reflectively
    opens rs.builds.database.cli to args4j;
    opens rs.builds.database.cli.commands to args4j;
}
