package rs.builds.database.migrations;

/**
 * What one {@link Migrations#migrate()} call did.
 *
 * @param applied how many migrations it applied (0 when the database was up to date)
 * @param version the schema version afterwards
 */
public record MigrateResult(int applied, String version) {
}
