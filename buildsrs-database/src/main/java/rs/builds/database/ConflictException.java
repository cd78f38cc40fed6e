package rs.builds.database;

/**
 * The operation contradicts what is stored: a duplicate, a changed checksum, an illegal state change.
 * Nothing was changed by the failing operation.
 */
public class ConflictException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    /**
     * A conflict with what is stored.
     *
     * @param message what conflicts with what, for a person
     * @param cause the underlying error, or {@code null}
     */
    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
