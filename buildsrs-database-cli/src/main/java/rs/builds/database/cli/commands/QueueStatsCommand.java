package rs.builds.database.cli.commands;

import org.kohsuke.args4j.Option;
import rs.builds.database.QueueStats;
import rs.builds.database.ReadHandle;
import rs.builds.database.TargetQueueStats;
import rs.builds.database.cli.Cli;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Json;
import rs.builds.database.cli.Session;
import rs.builds.database.cli.TextTable;

/** {@code queue stats}: whether the queue is locked, and its builds per target and in total. */
public final class QueueStatsCommand extends Command {
    @Option(name = "--json", usage = Json.OPTION_USAGE)
    private boolean json;

    /** Made by args4j. */
    public QueueStatsCommand() {
    }

    @Override
    public String description() {
        return "show whether the queue is locked, and queued, running, succeeded and failed builds per target";
    }

    @Override
    public int run(Session session) {
        QueueStats stats;
        try (ReadHandle read = session.read()) {
            stats = read.queueStats();
        }
        if (json) {
            Json.print(session.out(), JsonViews.queueStats(stats));
            return Cli.OK;
        }
        TextTable.withoutHeader(2).row("locked", stats.locked()).print(session.out());
        session.out().println();
        TextTable table = new TextTable("TARGET", "ENABLED", "QUEUED", "RUNNING", "SUCCEEDED", "FAILED");
        for (TargetQueueStats target : stats.targets()) {
            table.row(target.target(), target.enabled(), target.queued(), target.running(), target.succeeded(),
                    target.failed());
        }
        table.row("total", "", stats.queued(), stats.running(), succeeded(stats), stats.failed());
        table.print(session.out());
        return Cli.OK;
    }

    /** @return builds succeeded over all targets, which {@link QueueStats} does not sum like the others */
    static long succeeded(QueueStats stats) {
        return stats.targets().stream().mapToLong(TargetQueueStats::succeeded).sum();
    }
}
