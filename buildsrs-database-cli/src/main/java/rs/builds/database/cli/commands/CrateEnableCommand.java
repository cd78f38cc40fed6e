package rs.builds.database.cli.commands;

import java.util.ArrayList;
import java.util.List;
import org.kohsuke.args4j.Argument;
import rs.builds.database.Metadata;
import rs.builds.database.Names;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Session;

/** {@code crate enable NAME...}: starts building crates' versions, each crate on its own. */
public final class CrateEnableCommand extends Command {
    @Argument(metaVar = "NAME", required = true, usage = "crate names")
    private List<String> names = new ArrayList<>();

    /** Made by args4j. */
    public CrateEnableCommand() {
    }

    @Override
    public String description() {
        return "enable building crates' versions";
    }

    /** Names are checked by {@link Names}' rules before anything connects: a bad one is a usage error. */
    @Override
    public void check() {
        names.forEach(Names::crateName);
    }

    @Override
    public int run(Session session) {
        Metadata metadata = session.metadata();
        return KeepGoing.forEach(session, names, "crate", "not enabled", name -> metadata.inTransaction(write -> {
            write.crateSetEnabled(name, true);
            return name;
        }));
    }
}
