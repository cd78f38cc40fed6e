package rs.builds.database.cli.commands;

import org.kohsuke.args4j.Argument;
import org.kohsuke.args4j.Option;
import rs.builds.database.Names;
import rs.builds.database.cli.Cli;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Session;
import rs.builds.database.cli.TrueFalseOptionHandler;
import rs.builds.database.cli.UsageException;

/** {@code target edit NAME}: enables, disables or renames a target, in one transaction. */
public final class TargetEditCommand extends Command {
    @Argument(metaVar = "NAME", required = true, usage = "the target's name")
    private String name;

    @Option(name = "--enabled", handler = TrueFalseOptionHandler.class, usage = "whether jobs are created for it")
    private Boolean enabled;

    @Option(name = "--rename", metaVar = "NEW", usage = "give it a new name (builders and jobs keep it)")
    private String newName;

    /** Made by args4j. */
    public TargetEditCommand() {
    }

    @Override
    public String description() {
        return "enable, disable or rename a target, printing its name";
    }

    @Override
    public void check() {
        if (enabled == null && newName == null) {
            throw new UsageException("nothing to change: give --enabled or --rename");
        }
        // checked by Names' rules before anything connects
        Names.targetName(name);
        if (newName != null) {
            Names.targetName(newName);
        }
    }

    @Override
    public int run(Session session) {
        String result = session.metadata().inTransaction(write -> {
            if (enabled != null) {
                write.targetSetEnabled(name, enabled);
            }
            if (newName != null) {
                write.targetRename(name, newName);
                return newName;
            }
            return name;
        });
        session.out().println(result);
        return Cli.OK;
    }
}
