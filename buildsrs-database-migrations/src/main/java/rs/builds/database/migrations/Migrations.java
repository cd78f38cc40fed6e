package rs.builds.database.migrations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.jar.JarEntry;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * The schema migrations of the buildsrs metadata database, applied by Flyway.
 *
 * <p>Migrations are versioned and immutable once released: Flyway records each one's checksum, and
 * {@link #validate()} (also run before every {@link #migrate()}) fails if a released file was changed.
 * Instances are cheap and thread-safe; PostgreSQL advisory locks keep concurrent migrations of one
 * database apart.
 *
 * <pre>{@code
 * Migrations.of(dataSource).migrate();
 * }</pre>
 */
public final class Migrations {
    /** Where the migrations sit inside this module's jar (a folder name that is not a Java package). */
    static final String LOCATION = "classpath:buildsrs-database-migrations";
    /** The first migration, released and so never renamed: where it is, the others are. */
    private static final String FIRST = "/buildsrs-database-migrations/V1__schema.sql";
    private static final Pattern MIGRATION_FILE = Pattern.compile("V([0-9][0-9._]*)__.*\\.sql");
    private static volatile String latest;

    private final Flyway flyway;

    private Migrations(Flyway flyway) {
        this.flyway = flyway;
    }

    /**
     * Migrations of the database behind a data source.
     *
     * @param dataSource connections to the database to migrate; its user needs the right to create tables
     * @return the migrations, ready to apply
     * @throws NullPointerException if {@code dataSource} is null
     */
    public static Migrations of(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                // a library must never offer to wipe a production database
                .cleanDisabled(true)
                .load();
        return new Migrations(flyway);
    }

    /**
     * Applies every pending migration, in version order, each in its own transaction.
     *
     * @return how many this call applied and the database's schema version afterwards (another migrate running at the
     *         same time may have applied the rest)
     * @throws MigrationException if the database cannot be reached, a released migration was changed, or a
     *         migration fails (that migration is rolled back; earlier ones stay applied)
     */
    public MigrateResult migrate() {
        try {
            var result = flyway.migrate();
            // the database's version, not the last this call applied: two calls at once share the work (each
            // migration under Flyway's lock), and one that applied V1-V2 leaves the schema at the other's last
            return new MigrateResult(result.migrationsExecuted, currentVersion().orElse("none"));
        } catch (FlywayException e) {
            throw new MigrationException("migrating the database failed: " + e.getMessage(), e);
        }
    }

    /**
     * Applies the pending migrations up to and including one version, each in its own transaction: for tests and
     * staged upgrades that need the schema as an older release left it.
     *
     * @param version the last version to apply, e.g. {@code "8"}
     * @return how many were applied and the resulting schema version
     * @throws IllegalArgumentException if {@code version} is null, blank or not a version this release knows
     * @throws MigrationException as {@link #migrate()}
     */
    public MigrateResult migrateTo(String version) {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("target version must not be null or blank; give e.g. \"8\"");
        }
        boolean known = info().stream().anyMatch(m -> m.version().equals(version.strip()));
        if (!known) {
            throw new IllegalArgumentException("no migration has version '" + version + "'; run 'migrate info' for"
                    + " the versions this release knows");
        }
        Flyway target = Flyway.configure(Migrations.class.getClassLoader())
                .configuration(flyway.getConfiguration())
                .target(MigrationVersion.fromVersion(version.strip()))
                .load();
        try {
            var result = target.migrate();
            return new MigrateResult(result.migrationsExecuted, currentVersion().orElse("none"));
        } catch (FlywayException e) {
            throw new MigrationException("migrating the database to version " + version + " failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Lists every migration known to this release or recorded in the database, in version order.
     *
     * @return the migrations with their state
     * @throws MigrationException if the database cannot be reached
     */
    public List<MigrationInfo> info() {
        try {
            List<MigrationInfo> list = new ArrayList<>();
            for (var info : flyway.info().all()) {
                if (info.getVersion() == null) {
                    continue; // repeatable migrations: we use none
                }
                list.add(new MigrationInfo(info.getVersion().getVersion(), info.getDescription(),
                        stateOf(info.getState().name()), info.getState().getDisplayName(),
                        info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant()));
            }
            return List.copyOf(list);
        } catch (FlywayException e) {
            throw new MigrationException("reading the migration history failed: " + e.getMessage(), e);
        }
    }

    /**
     * The schema version the database is at.
     *
     * @return the version of the newest applied migration, or empty for a database never migrated
     * @throws MigrationException if the database cannot be reached
     */
    public Optional<String> currentVersion() {
        try {
            var current = flyway.info().current();
            return Optional.ofNullable(current).map(c -> c.getVersion())
                    .filter(v -> !MigrationVersion.EMPTY.equals(v)).map(MigrationVersion::getVersion);
        } catch (FlywayException e) {
            throw new MigrationException("reading the migration history failed: " + e.getMessage(), e);
        }
    }

    /**
     * The schema version this release's migrations reach, read from the migration files it carries, without a
     * database.
     *
     * @return the version of the newest migration, e.g. {@code "8"}
     * @throws UncheckedIOException if the migration files cannot be listed
     */
    public static String latestVersion() {
        String known = latest;
        if (known == null) {
            known = newestMigration();
            latest = known;
        }
        return known;
    }

    private static String newestMigration() {
        URL first = Objects.requireNonNull(Migrations.class.getResource(FIRST), FIRST + " is missing from the jar");
        try {
            List<String> names = new ArrayList<>();
            URLConnection connection = first.openConnection();
            if (connection instanceof JarURLConnection jar) {
                // the jar's own index, read by the JDK's zip code: a few ms even for the CLI's 25 MB jar
                connection.setUseCaches(true);
                String folder = FIRST.substring(1, FIRST.lastIndexOf('/') + 1);
                jar.getJarFile().stream().map(JarEntry::getName).filter(name -> name.startsWith(folder))
                        .map(name -> name.substring(folder.length())).forEach(names::add);
            } else {
                try (Stream<Path> files = Files.list(Path.of(first.toURI()).getParent())) {
                    files.map(file -> file.getFileName().toString()).forEach(names::add);
                }
            }
            return names.stream().map(MIGRATION_FILE::matcher).filter(Matcher::matches)
                    .map(match -> match.group(1).replace('_', '.'))
                    .max(Comparator.comparing(MigrationVersion::fromVersion))
                    .orElseThrow(() -> new IOException("no migration next to " + first));
        } catch (IOException e) {
            throw new UncheckedIOException("listing the migrations next to " + first + ": " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the migrations' location " + first + " is not a URI", e);
        }
    }

    /**
     * Reads where the database's schema stands against this release: never migrated, behind, up to date or newer.
     *
     * @return the database's version and this release's
     * @throws MigrationException if the database cannot be reached
     */
    public SchemaVersion schemaVersion() {
        return new SchemaVersion(currentVersion().orElse(null), latestVersion());
    }

    /**
     * Checks that every applied migration still matches this release (same checksums, none missing) and
     * that none is pending.
     *
     * @throws MigrationException naming each problem, e.g. a changed migration or one still pending
     */
    public void validate() {
        ValidateResult result;
        try {
            result = flyway.validateWithResult();
        } catch (FlywayException e) {
            throw new MigrationException("validating the migrations failed: " + e.getMessage(), e);
        }
        if (!result.validationSuccessful) {
            StringBuilder message = new StringBuilder("the database does not match this release's migrations:");
            for (var error : result.invalidMigrations) {
                message.append("\n  - version ").append(error.version).append(": ")
                        .append(error.errorDetails.errorMessage);
            }
            message.append("\nrun 'migrate' to apply pending migrations; a changed migration must be restored");
            throw new MigrationException(message.toString(), null);
        }
    }

    private static MigrationState stateOf(String flywayState) {
        return switch (flywayState) {
            case "SUCCESS", "BASELINE", "OUT_OF_ORDER" -> MigrationState.APPLIED;
            case "PENDING" -> MigrationState.PENDING;
            case "FAILED", "FUTURE_FAILED", "OUTDATED_FAILED" -> MigrationState.FAILED;
            case "FUTURE_SUCCESS" -> MigrationState.FUTURE;
            default -> MigrationState.OTHER;
        };
    }
}
