package rs.builds.database;

/**
 * The database role this connection uses may not do that (for example the backend role registering a
 * builder). Nothing was changed; grant the role the right, or use a role that has it.
 */
public class PermissionDeniedException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    /**
     * The database role may not do this.
     *
     * @param message what was refused, for a person
     * @param cause the underlying error
     */
    public PermissionDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
