package rs.builds.database;

/**
 * A concurrent transaction conflicted with this one (a serialization failure or a deadlock, or a row another
 * transaction added meanwhile), and the database rolled this one back. Running the whole transaction again may
 * succeed; {@link Metadata#inTransaction} does so. Its {@link #reason()} is
 * {@link ConflictException.Reason#CONCURRENT}.
 */
public class TransientConflictException extends ConflictException {
    private static final long serialVersionUID = 1L;

    /**
     * A conflict that retrying the transaction may resolve, of no one named entity: {@link #entity()} is
     * {@code "transaction"}, {@link #key()} {@code null}.
     *
     * @param message what conflicted, for a person
     * @param cause the underlying error
     */
    public TransientConflictException(String message, Throwable cause) {
        this("transaction", null, message, cause);
    }

    /**
     * A conflict that retrying the transaction may resolve, over one entity.
     *
     * @param entity kind of entity, e.g. {@code "crate"}
     * @param key how the caller named it, or {@code null}
     * @param message what conflicted, for a person
     * @param cause the underlying error, or {@code null}
     */
    public TransientConflictException(String entity, String key, String message, Throwable cause) {
        super(Reason.CONCURRENT, entity, key, message, cause);
    }
}
