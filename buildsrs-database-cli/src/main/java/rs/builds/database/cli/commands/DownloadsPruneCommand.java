package rs.builds.database.cli.commands;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.kohsuke.args4j.Option;
import rs.builds.database.InvalidInputException;
import rs.builds.database.cli.Cli;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.PastDateOptionHandler;
import rs.builds.database.cli.Session;
import rs.builds.database.cli.UsageException;

/** {@code downloads prune --before DATE}: removes daily download rows of earlier days; artifacts' totals stay. */
public final class DownloadsPruneCommand extends Command {
    @Option(name = "--before", required = true, handler = PastDateOptionHandler.class,
            usage = "daily rows of days before this date (2025-01-31, UTC) go; today at the latest")
    private Instant before;

    /** Made by args4j. */
    public DownloadsPruneCommand() {
    }

    @Override
    public String description() {
        return "remove daily download counts before a date (each artifact's total download count stays)";
    }

    @Override
    public int run(Session session) {
        LocalDate day = LocalDate.ofInstant(before, ZoneOffset.UTC);
        if (!day.atStartOfDay(ZoneOffset.UTC).toInstant().equals(before)) {
            throw new UsageException("--before takes a day (e.g. " + day + "), not a time of day: daily rows are"
                    + " kept or removed whole");
        }
        long removed;
        try {
            removed = session.metadata().downloadsPrune(day);
        } catch (InvalidInputException e) {
            throw new UsageException(e.getMessage());
        }
        session.out().println("removed " + JobPruneCommand.count(removed, "daily download row") + " before " + day);
        return Cli.OK;
    }
}
