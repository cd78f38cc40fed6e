package rs.builds.database.cli.commands;

import org.kohsuke.args4j.Argument;
import org.kohsuke.args4j.spi.SubCommand;
import org.kohsuke.args4j.spi.SubCommandHandler;
import org.kohsuke.args4j.spi.SubCommands;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.CommandGroup;

/** {@code target ...}: the build target commands. */
public final class TargetCommand extends CommandGroup {
    @Argument(handler = SubCommandHandler.class, metaVar = "SUBCOMMAND", required = true, usage = "target command")
    @SubCommands({
        @SubCommand(name = "add", impl = TargetAddCommand.class),
        @SubCommand(name = "edit", impl = TargetEditCommand.class),
        @SubCommand(name = "list", impl = TargetListCommand.class),
        @SubCommand(name = "remove", impl = TargetRemoveCommand.class),
    })
    private Command sub;

    /** Made by args4j. */
    public TargetCommand() {
    }

    @Override
    public String description() {
        return "add, enable, rename, list and remove build targets";
    }

    @Override
    protected Command chosen() {
        return sub;
    }
}
