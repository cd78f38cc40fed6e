package rs.builds.database.migrations;

import org.flywaydb.core.api.MigrationVersion;

/**
 * Where a database's schema stands against the migrations of this release, as {@link Migrations#schemaVersion()}
 * reads it.
 *
 * @param current the version of the newest migration applied to the database, or {@code null} if it has none
 * @param latest the version this release's migrations reach ({@link Migrations#latestVersion()})
 */
public record SchemaVersion(String current, String latest) {
    /** {@return whether the database was never migrated} */
    public boolean missing() {
        return current == null;
    }

    /** {@return whether the database is at the version this release expects} */
    public boolean upToDate() {
        return current != null && compare() == 0;
    }

    /** {@return whether the database was migrated further than this release knows (by a newer release)} */
    public boolean newer() {
        return current != null && compare() > 0;
    }

    private int compare() {
        return MigrationVersion.fromVersion(current).compareTo(MigrationVersion.fromVersion(latest));
    }
}
