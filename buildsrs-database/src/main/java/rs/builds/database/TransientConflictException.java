package rs.builds.database;

/**
 * A concurrent transaction conflicted with this one (a serialization failure or a deadlock), and the
 * database rolled this one back. Running the whole transaction again may succeed;
 * {@link Metadata#inTransaction} does so.
 */
public class TransientConflictException extends ConflictException {
    private static final long serialVersionUID = 1L;

    /**
     * A conflict that retrying the transaction may resolve.
     *
     * @param message what conflicted, for a person
     * @param cause the underlying error
     */
    public TransientConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
