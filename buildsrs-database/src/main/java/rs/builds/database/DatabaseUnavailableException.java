package rs.builds.database;

/**
 * The database could not be reached, refused the login, or dropped the connection. Retrying later may succeed.
 *
 * <p>Before a commit, the operation had no effect (the server rolls the transaction back). If the connection was
 * lost while committing ({@link WriteHandle#commit}, the end of {@link Metadata#inTransaction}, or
 * {@link Metadata#jobRequest}, which commits at once), whether the commit took effect is unknown: the server may
 * have committed just before the connection went. Retry only work that is safe to apply twice, or check first.
 */
public class DatabaseUnavailableException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    /**
     * The database could not be reached or used.
     *
     * @param message what could not be reached, for a person
     * @param cause the underlying error
     */
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
