package rs.builds.database;

/**
 * The server accepted the connection but refuses to write (SQLSTATE 25006, read_only_sql_transaction): it is a hot
 * standby (a replica in recovery), or {@code default_transaction_read_only} is on. Nothing was changed. Writes must
 * go to the primary: check that the database URL ({@code --database-postgres}) names the primary, not a replica.
 */
public class ReadOnlyDatabaseException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    /**
     * A write that reached a read-only server.
     *
     * @param message what was refused and where writes must go, for a person
     * @param cause the underlying error
     */
    public ReadOnlyDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
