package rs.builds.database.cli;

import org.kohsuke.args4j.Option;

/**
 * One command of the command line. Subclasses declare args4j {@code @Option}/{@code @Argument} fields and a
 * public no-argument constructor (args4j instantiates them).
 */
public abstract class Command {
    @Option(name = "--help", aliases = "-h", help = true, usage = "show this help")
    private boolean help;

    /** @return one line saying what the command does, for usage text */
    public abstract String description();

    /**
     * Runs the command.
     *
     * @param session output streams and the database, connected on first use
     * @return the exit code: 0 on success, {@link Cli#FAILED} if any item failed (after reporting each)
     * @throws Exception any failure; {@link Cli} reports it as {@code ERROR: message} with exit code 1
     */
    public abstract int run(Session session) throws Exception;

    /**
     * Checks the arguments as far as can be done without the database, before anything starts or connects: a
     * {@code --limit} out of range, options that exclude each other, a private key given for a public one.
     *
     * @throws UsageException saying what is wrong with the command line (exit code {@link Cli#USAGE})
     * @throws CommandFailedException if a file named cannot be used
     */
    public void check() {
    }

    /** @return the sub-command chosen, for commands that group others; {@code null} otherwise */
    public Command subCommand() {
        return null;
    }

    boolean helpRequested() {
        return help;
    }
}
