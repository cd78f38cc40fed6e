package rs.builds.database.cli.commands;

import org.kohsuke.args4j.Argument;
import org.kohsuke.args4j.spi.SubCommand;
import org.kohsuke.args4j.spi.SubCommandHandler;
import org.kohsuke.args4j.spi.SubCommands;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.CommandGroup;

/** {@code roles ...}: the least-privilege service roles. */
public final class RolesCommand extends CommandGroup {
    @Argument(handler = SubCommandHandler.class, metaVar = "SUBCOMMAND", required = true, usage = "roles command")
    @SubCommands({
        @SubCommand(name = "apply", impl = RolesApplyCommand.class),
    })
    private Command sub;

    /** Made by args4j. */
    public RolesCommand() {
    }

    @Override
    public String description() {
        return "create and grant the service roles (backend, registry sync, admin)";
    }

    @Override
    protected Command chosen() {
        return sub;
    }
}
