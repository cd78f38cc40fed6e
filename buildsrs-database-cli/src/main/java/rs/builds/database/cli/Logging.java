package rs.builds.database.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps library logging (Flyway, HikariCP, zonky, this project's core) off stdout and quiet unless
 * {@code --verbose}. slf4j-simple reads these properties once, when the first logger is made, so this runs before
 * any library is touched.
 */
final class Logging {
    /** The library's own java.util.logging logger (read replica fallbacks), held so its level sticks. */
    private static final Logger LIBRARY = Logger.getLogger("rs.builds.database");

    private Logging() {
    }

    static void configure(boolean verbose) {
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "off");
        // commands report what matters themselves (e.g. --from-replica's fallback), in one line on stderr
        LIBRARY.setLevel(verbose ? Level.INFO : Level.OFF);
    }
}
