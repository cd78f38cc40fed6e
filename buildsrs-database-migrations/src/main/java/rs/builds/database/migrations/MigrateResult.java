package rs.builds.database.migrations;

/**
 * What one {@link Migrations#migrate()} call did.
 *
 * @param applied how many migrations it applied (0 when the database was up to date; fewer than were pending when
 *        another migrate ran at the same time and applied some)
 * @param version the database's schema version afterwards
 */
public record MigrateResult(int applied, String version) {
}
