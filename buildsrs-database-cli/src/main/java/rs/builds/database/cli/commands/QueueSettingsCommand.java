package rs.builds.database.cli.commands;

import java.time.Duration;
import org.kohsuke.args4j.Option;
import rs.builds.database.InvalidInputException;
import rs.builds.database.QueueSettings;
import rs.builds.database.ReadHandle;
import rs.builds.database.cli.Cli;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.DurationOptionHandler;
import rs.builds.database.cli.Json;
import rs.builds.database.cli.Session;
import rs.builds.database.cli.TextTable;
import rs.builds.database.cli.UsageException;

/** {@code queue settings}: shows the queue's settings, or changes those given and shows the result. */
public final class QueueSettingsCommand extends Command {
    @Option(name = "--max-attempts", metaVar = "N",
            usage = "failed or expired attempts after which a build leaves the queue until requeued, "
                    + QueueSettings.MIN_ATTEMPTS + " to " + QueueSettings.MAX_ATTEMPTS)
    private Integer maxAttempts;

    @Option(name = "--lease", handler = DurationOptionHandler.class,
            usage = "how long a claim or heartbeat keeps a job alive, 1 second to " + QueueSettings.MAX_DAYS
                    + " days (PT15M, or seconds)")
    private Duration lease;

    @Option(name = "--retry-backoff", handler = DurationOptionHandler.class,
            usage = "wait before a failed build is retried, doubled after each further failure, up to "
                    + QueueSettings.MAX_DAYS + " days (PT1M, or seconds)")
    private Duration retryBackoff;

    @Option(name = "--json", usage = Json.OPTION_USAGE)
    private boolean json;

    /** Made by args4j. */
    public QueueSettingsCommand() {
    }

    @Override
    public String description() {
        return "show the queue's settings, or change them (values not given stay as they are)";
    }

    @Override
    public int run(Session session) {
        QueueSettings settings;
        if (maxAttempts == null && lease == null && retryBackoff == null) {
            try (ReadHandle read = session.read()) {
                settings = read.queueSettings();
            }
        } else {
            settings = configure(session);
        }
        if (json) {
            Json.print(session.out(), JsonViews.queueSettings(settings));
            return Cli.OK;
        }
        TextTable.withoutHeader(2)
                .row("locked", settings.locked())
                .row("max attempts", settings.maxAttempts())
                .row("lease", JsonViews.duration(settings.lease()))
                .row("retry backoff", JsonViews.duration(settings.retryBackoff()))
                .print(session.out());
        return Cli.OK;
    }

    private QueueSettings configure(Session session) {
        try {
            return session.metadata().inTransaction(write -> {
                QueueSettings current = write.queueSettings();
                write.queueConfigure(maxAttempts != null ? maxAttempts : current.maxAttempts(),
                        lease != null ? lease : current.lease(),
                        retryBackoff != null ? retryBackoff : current.retryBackoff());
                return write.queueSettings();
            });
        } catch (InvalidInputException e) {
            // every value came from an option, so an out-of-range one is a wrong command line
            throw new UsageException(e.getMessage());
        }
    }
}
