package rs.builds.database.cli.commands;

import org.kohsuke.args4j.Argument;
import org.kohsuke.args4j.spi.SubCommand;
import org.kohsuke.args4j.spi.SubCommandHandler;
import org.kohsuke.args4j.spi.SubCommands;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.CommandGroup;

/** {@code builder ...}: the builder commands. */
public final class BuilderCommand extends CommandGroup {
    @Argument(handler = SubCommandHandler.class, metaVar = "SUBCOMMAND", required = true, usage = "builder command")
    @SubCommands({
        @SubCommand(name = "add", impl = BuilderAddCommand.class),
        @SubCommand(name = "edit", impl = BuilderEditCommand.class),
        @SubCommand(name = "list", impl = BuilderListCommand.class),
        @SubCommand(name = "show", impl = BuilderShowCommand.class),
        @SubCommand(name = "lookup", impl = BuilderLookupCommand.class),
        @SubCommand(name = "remove", impl = BuilderRemoveCommand.class),
    })
    private Command sub;

    /** Made by args4j. */
    public BuilderCommand() {
    }

    @Override
    public String description() {
        return "register, configure, list and remove builders";
    }

    @Override
    protected Command chosen() {
        return sub;
    }
}
