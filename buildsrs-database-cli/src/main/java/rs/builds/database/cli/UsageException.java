package rs.builds.database.cli;

/** The command line was wrong in a way args4j cannot see; reported with the command's usage, exit code 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the command line */
    public UsageException(String message) {
        super(message);
    }
}
