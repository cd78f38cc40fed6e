package rs.builds.database.cli.commands;

import org.kohsuke.args4j.Argument;
import org.kohsuke.args4j.spi.SubCommand;
import org.kohsuke.args4j.spi.SubCommands;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.CommandGroup;
import rs.builds.database.cli.SignedNumbersSubCommandHandler;

/** {@code crate ...}: the crate commands. */
public final class CrateCommand extends CommandGroup {
    // crate priority takes negative numbers, which plain args4j would read as unknown options
    @Argument(handler = SignedNumbersSubCommandHandler.class, metaVar = "SUBCOMMAND", required = true, usage = "crate command")
    @SubCommands({
        @SubCommand(name = "add", impl = CrateAddCommand.class),
        @SubCommand(name = "list", impl = CrateListCommand.class),
        @SubCommand(name = "show", impl = CrateShowCommand.class),
        @SubCommand(name = "enable", impl = CrateEnableCommand.class),
        @SubCommand(name = "disable", impl = CrateDisableCommand.class),
        @SubCommand(name = "priority", impl = CratePriorityCommand.class),
        @SubCommand(name = "import", impl = CrateImportCommand.class),
    })
    private Command sub;

    /** Made by args4j. */
    public CrateCommand() {
    }

    @Override
    public String description() {
        return "add, search, show, enable and disable crates, set their priority, import the index";
    }

    @Override
    protected Command chosen() {
        return sub;
    }
}
