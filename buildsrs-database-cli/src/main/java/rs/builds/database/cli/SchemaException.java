package rs.builds.database.cli;

/**
 * The database's schema is not the one this CLI works with: never migrated, behind (run {@code migrate}) or newer
 * than it knows. {@link Cli} reports it with exit code {@link Cli#SCHEMA}.
 */
final class SchemaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message where the schema stands and what to run */
    SchemaException(String message) {
        super(message);
    }
}
