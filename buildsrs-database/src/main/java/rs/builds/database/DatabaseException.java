package rs.builds.database;

/**
 * Base of every error this API throws. Subclasses say what kind of problem it was; a plain
 * {@code DatabaseException} is an unexpected database error, with the database's message.
 */
public class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure of a database operation.
     *
     * @param message what went wrong, for a person
     * @param cause the underlying error, or {@code null}
     */
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
