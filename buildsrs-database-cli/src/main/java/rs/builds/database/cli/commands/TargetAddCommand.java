package rs.builds.database.cli.commands;

import java.util.ArrayList;
import java.util.List;
import org.kohsuke.args4j.Argument;
import rs.builds.database.Metadata;
import rs.builds.database.Names;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Session;

/** {@code target add NAME...}: adds targets, disabled, each on its own. */
public final class TargetAddCommand extends Command {
    @Argument(metaVar = "NAME", required = true, usage = "target triples, e.g. x86_64-unknown-linux-gnu: lowercase"
            + " ASCII letters, digits, '_', '-' and '.'")
    private List<String> names = new ArrayList<>();

    /** Made by args4j. */
    public TargetAddCommand() {
    }

    @Override
    public String description() {
        return "add targets, disabled (enable them with target edit)";
    }

    /** Names are checked by {@link Names}' rules before anything connects: a bad one is a usage error. */
    @Override
    public void check() {
        names.forEach(Names::targetName);
    }

    @Override
    public int run(Session session) {
        Metadata metadata = session.metadata();
        return KeepGoing.forEach(session, names, "target", "not added", name -> metadata.inTransaction(write -> {
            write.targetAdd(name);
            return name;
        }));
    }
}
