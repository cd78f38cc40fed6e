package rs.builds.database.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import rs.builds.database.migrations.Migrations;

/** What {@code --version} prints: the CLI's project version and the schema version its migrations reach. */
final class Versions {
    private Versions() {
    }

    /** @return the project version the build wrote into {@code version.properties}, e.g. {@code 0.1.0-SNAPSHOT} */
    static String cli() {
        try (InputStream in = Versions.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the CLI's jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("reading version.properties: " + e.getMessage(), e);
        }
    }

    /** @return the newest schema version this CLI's migrations reach */
    static String schema() {
        return Migrations.latestVersion();
    }
}
