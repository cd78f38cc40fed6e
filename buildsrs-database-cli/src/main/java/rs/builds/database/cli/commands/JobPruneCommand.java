package rs.builds.database.cli.commands;

import java.time.Instant;
import org.kohsuke.args4j.Option;
import rs.builds.database.InvalidInputException;
import rs.builds.database.JobsPruned;
import rs.builds.database.cli.Cli;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.PastDateOptionHandler;
import rs.builds.database.cli.Session;
import rs.builds.database.cli.UsageException;

/**
 * {@code job prune --finished-before DATE [--logs-only]}: removes old finished jobs and their logs, keeping the newest
 * finished job of each (version, target) and every job with artifacts, in batches each committed on its own.
 */
public final class JobPruneCommand extends Command {
    @Option(name = "--finished-before", required = true, handler = PastDateOptionHandler.class,
            usage = "jobs that finished before this date (2025-01-31, UTC) or instant (2025-01-31T12:00:00Z) go")
    private Instant finishedBefore;

    @Option(name = "--logs-only", usage = "delete only the logs of those jobs (and of old jobs kept for their"
            + " artifacts), keeping the jobs")
    private boolean logsOnly;

    /** Made by args4j. */
    public JobPruneCommand() {
    }

    @Override
    public String description() {
        return "remove old finished jobs and their logs (the newest of each build and jobs with artifacts stay)";
    }

    @Override
    public int run(Session session) {
        JobsPruned pruned;
        try {
            pruned = session.metadata().jobsPrune(finishedBefore, logsOnly);
        } catch (InvalidInputException e) {
            // the date came from an option: a date in the future is a wrong command line, and nothing was removed
            throw new UsageException(e.getMessage());
        }
        session.out().println("removed " + count(pruned.jobs(), "job") + " and the logs of "
                + count(pruned.logsOf(), "kept job") + ": " + count(pruned.logLines(), "log line"));
        return Cli.OK;
    }

    static String count(long n, String what) {
        return String.format("%,d %s%s", n, what, n == 1 ? "" : "s");
    }
}
