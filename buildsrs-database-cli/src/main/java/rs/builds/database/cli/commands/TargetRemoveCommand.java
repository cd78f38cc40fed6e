package rs.builds.database.cli.commands;

import java.util.ArrayList;
import java.util.List;
import org.kohsuke.args4j.Argument;
import rs.builds.database.Metadata;
import rs.builds.database.Names;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Session;

/** {@code target remove NAME...}: removes targets and their builder assignments, each on its own. */
public final class TargetRemoveCommand extends Command {
    @Argument(metaVar = "NAME", required = true, usage = "target names")
    private List<String> names = new ArrayList<>();

    /** Made by args4j. */
    public TargetRemoveCommand() {
    }

    @Override
    public String description() {
        return "remove targets that never had jobs (disable the others)";
    }

    /** Names are checked by {@link Names}' rules before anything connects: a bad one is a usage error. */
    @Override
    public void check() {
        names.forEach(Names::targetName);
    }

    @Override
    public int run(Session session) {
        Metadata metadata = session.metadata();
        return KeepGoing.forEach(session, names, "target", "not removed", name -> metadata.inTransaction(write -> {
            write.targetRemove(name);
            return name;
        }));
    }
}
