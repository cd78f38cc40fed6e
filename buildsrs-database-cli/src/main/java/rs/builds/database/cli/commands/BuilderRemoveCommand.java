package rs.builds.database.cli.commands;

import java.util.ArrayList;
import java.util.List;
import org.kohsuke.args4j.Argument;
import rs.builds.database.Metadata;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Session;

/** {@code builder remove BUILDER...}: removes builders with their keys and targets, each on its own. */
public final class BuilderRemoveCommand extends Command {
    @Argument(metaVar = "BUILDER", required = true, usage = BuilderReference.USAGE + " (one or more)")
    private List<String> builders = new ArrayList<>();

    /** Made by args4j. */
    public BuilderRemoveCommand() {
    }

    @Override
    public String description() {
        return "remove builders that never had jobs (disable the others), printing their UUIDs";
    }

    @Override
    public int run(Session session) {
        Metadata metadata = session.metadata();
        return KeepGoing.forEach(session, builders, "builder", "not removed", builder -> {
            BuilderReference reference = BuilderReference.parse(builder);
            return metadata.inTransaction(write -> {
                var uuid = reference.resolve(write);
                write.builderRemove(uuid);
                return uuid.toString();
            });
        });
    }
}
