package rs.builds.database.cli.commands;

import org.kohsuke.args4j.Argument;
import rs.builds.database.Names;
import rs.builds.database.cli.Cli;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Session;
import rs.builds.database.cli.UsageException;

/** {@code crate priority NAME N}: sets the order in which a crate's versions are built. */
public final class CratePriorityCommand extends Command {
    @Argument(index = 0, metaVar = "NAME", required = true, usage = "crate name")
    private String name;

    // text, parsed in run: args4j's own message for a bad int argument names the argument before it. The crate
    // group's handler lets a negative number through as an argument rather than an option.
    @Argument(index = 1, metaVar = "N", required = true,
            usage = "the priority, a whole number: higher builds first; the default is 0, negative sinks below the"
                    + " backfill")
    private String priority;

    /** Made by args4j. */
    public CratePriorityCommand() {
    }

    @Override
    public String description() {
        return "set a crate's build priority (default 0; higher first, negative last)";
    }

    private int value;

    @Override
    public void check() {
        Names.crateName(name); // by Names' rules, before anything connects
        try {
            value = Integer.parseInt(priority);
        } catch (NumberFormatException e) {
            throw new UsageException("N must be a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
                    + ", such as 10 or -5, not \"" + priority + "\"");
        }
    }

    @Override
    public int run(Session session) {
        session.metadata().useTransaction(write -> {
            write.crateSetPriority(name, value);
        });
        session.out().println(name);
        return Cli.OK;
    }
}
