package rs.builds.database.migrations;

/** A migration could not be applied, reported or validated; the message says why and what to do. */
public final class MigrationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
