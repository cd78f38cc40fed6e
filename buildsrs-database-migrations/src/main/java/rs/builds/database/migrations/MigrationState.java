package rs.builds.database.migrations;

/** Where one migration stands relative to a database. */
public enum MigrationState {
    /** Recorded in the database's history and present in this release. */
    APPLIED,
    /** Present in this release, not yet applied. */
    PENDING,
    /** Recorded as failed: the database needs a repair before anything else is applied. */
    FAILED,
    /** Recorded in the database but unknown to this release: the database is newer than this code. */
    FUTURE,
    /** Any other state Flyway reports (ignored, missing, out of order); {@code detail} says which. */
    OTHER
}
