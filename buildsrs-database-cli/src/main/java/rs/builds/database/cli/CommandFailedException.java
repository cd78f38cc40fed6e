package rs.builds.database.cli;

/**
 * A failure the CLI found itself rather than the database API, such as an unreadable key file; {@link Cli}
 * reports it as {@code ERROR: message} with exit code 1, like any other failure.
 */
public final class CommandFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed and, where it helps, how to fix it */
    public CommandFailedException(String message) {
        super(message);
    }
}
