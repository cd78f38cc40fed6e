package rs.builds.database.cli.commands;

import org.kohsuke.args4j.Argument;
import org.kohsuke.args4j.spi.SubCommand;
import org.kohsuke.args4j.spi.SubCommandHandler;
import org.kohsuke.args4j.spi.SubCommands;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Session;

/** {@code migrate [info|validate]}: applies pending migrations, or reports on them. */
public final class MigrateCommand extends Command {
    @Argument(handler = SubCommandHandler.class, metaVar = "SUBCOMMAND", usage = "info or validate; none applies")
    @SubCommands({
        @SubCommand(name = "info", impl = MigrateInfoCommand.class),
        @SubCommand(name = "validate", impl = MigrateValidateCommand.class),
    })
    private Command sub;

    /** Made by args4j. */
    public MigrateCommand() {
    }

    @Override
    public String description() {
        return "apply all pending schema migrations (or: migrate info, migrate validate)";
    }

    @Override
    public int run(Session session) throws Exception {
        if (sub != null) {
            return sub.run(session);
        }
        var result = session.migrations().migrate();
        session.out().println("schema version " + result.version() + " (applied " + result.applied() + " migration"
                + (result.applied() == 1 ? "" : "s") + ")");
        return 0;
    }

    @Override
    public Command subCommand() {
        return sub;
    }
}
