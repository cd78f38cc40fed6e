package rs.builds.database.cli.commands;

import org.kohsuke.args4j.Argument;
import org.kohsuke.args4j.spi.SubCommand;
import org.kohsuke.args4j.spi.SubCommandHandler;
import org.kohsuke.args4j.spi.SubCommands;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.CommandGroup;

/** {@code downloads ...}: the artifact download count commands. */
public final class DownloadsCommand extends CommandGroup {
    @Argument(handler = SubCommandHandler.class, metaVar = "SUBCOMMAND", required = true, usage = "downloads command")
    @SubCommands({
        @SubCommand(name = "prune", impl = DownloadsPruneCommand.class),
    })
    private Command sub;

    /** Made by args4j. */
    public DownloadsCommand() {
    }

    @Override
    public String description() {
        return "prune the daily download counts of artifacts";
    }

    @Override
    protected Command chosen() {
        return sub;
    }
}
