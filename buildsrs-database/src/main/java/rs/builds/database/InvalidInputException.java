package rs.builds.database;

/** An argument was rejected before it reached the database; the message says which and why. */
public class InvalidInputException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    /**
     * Input that is refused before anything reaches the database.
     *
     * @param message which argument is wrong and how, for a person
     */
    public InvalidInputException(String message) {
        super(message, null);
    }
}
