package rs.builds.database.cli.commands;

import org.kohsuke.args4j.Argument;
import org.kohsuke.args4j.spi.SubCommand;
import org.kohsuke.args4j.spi.SubCommandHandler;
import org.kohsuke.args4j.spi.SubCommands;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.CommandGroup;

/** {@code job ...}: the build job commands. */
public final class JobCommand extends CommandGroup {
    @Argument(handler = SubCommandHandler.class, metaVar = "SUBCOMMAND", required = true, usage = "job command")
    @SubCommands({
        @SubCommand(name = "list", impl = JobListCommand.class),
        @SubCommand(name = "show", impl = JobShowCommand.class),
        @SubCommand(name = "requeue", impl = JobRequeueCommand.class),
        @SubCommand(name = "expire", impl = JobExpireCommand.class),
        @SubCommand(name = "prune", impl = JobPruneCommand.class),
    })
    private Command sub;

    /** Made by args4j. */
    public JobCommand() {
    }

    @Override
    public String description() {
        return "list and show build jobs, requeue builds, expire jobs whose lease ended, prune old jobs";
    }

    @Override
    protected Command chosen() {
        return sub;
    }
}
