package rs.builds.database.cli.commands;

import org.kohsuke.args4j.Argument;
import org.kohsuke.args4j.spi.SubCommand;
import org.kohsuke.args4j.spi.SubCommandHandler;
import org.kohsuke.args4j.spi.SubCommands;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.CommandGroup;

/** {@code queue ...}: the build queue commands. */
public final class QueueCommand extends CommandGroup {
    @Argument(handler = SubCommandHandler.class, metaVar = "SUBCOMMAND", required = true, usage = "queue command")
    @SubCommands({
        @SubCommand(name = "stats", impl = QueueStatsCommand.class),
        @SubCommand(name = "settings", impl = QueueSettingsCommand.class),
        @SubCommand(name = "lock", impl = QueueLockCommand.class),
        @SubCommand(name = "unlock", impl = QueueUnlockCommand.class),
    })
    private Command sub;

    /** Made by args4j. */
    public QueueCommand() {
    }

    @Override
    public String description() {
        return "show the build queue, change its settings, stop and resume claims";
    }

    @Override
    protected Command chosen() {
        return sub;
    }
}
