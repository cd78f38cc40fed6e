package rs.builds.database;

/**
 * The database could not be reached or dropped the connection; the operation had no effect (a write handle's
 * transaction is rolled back by the server). Retrying later may succeed.
 */
public class DatabaseUnavailableException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be reached, for a person
     * @param cause the underlying error
     */
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
