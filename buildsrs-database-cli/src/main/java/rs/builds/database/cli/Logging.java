package rs.builds.database.cli;

/**
 * Keeps library logging (Flyway, HikariCP, zonky) off stdout and quiet unless {@code --verbose}. slf4j-simple
 * reads these properties once, when the first logger is made, so this runs before any library is touched.
 */
final class Logging {
    private Logging() {
    }

    static void configure(boolean verbose) {
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "off");
    }
}
