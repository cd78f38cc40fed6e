package rs.builds.database.cli;

/**
 * A failure the CLI found itself rather than the database API, such as an unreadable key file; {@link Cli}
 * reports it as {@code ERROR: message}, with the exit code of what it names: {@link Cli#NOT_FOUND} for
 * {@link #notFound}, the code of its cause when it wraps an API exception, else {@link Cli#FAILED}.
 */
public final class CommandFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean notFound;

    /** @param message what failed and, where it helps, how to fix it */
    public CommandFailedException(String message) {
        this(message, null, false);
    }

    /**
     * @param message what failed, in the command's words, with the cause's message where it helps
     * @param cause the API exception behind it, which chooses the exit code
     */
    public CommandFailedException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private CommandFailedException(String message, Throwable cause, boolean notFound) {
        super(message, cause);
        this.notFound = notFound;
    }

    /**
     * @param message what was not found (a file, a builder's key) and how to name it right
     * @return a failure reported with {@link Cli#NOT_FOUND}
     */
    public static CommandFailedException notFound(String message) {
        return new CommandFailedException(message, null, true);
    }

    boolean isNotFound() {
        return notFound;
    }
}
