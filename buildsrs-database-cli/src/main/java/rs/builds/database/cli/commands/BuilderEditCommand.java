package rs.builds.database.cli.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.kohsuke.args4j.Argument;
import org.kohsuke.args4j.Option;
import rs.builds.database.Names;
import rs.builds.database.cli.Cli;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Session;
import rs.builds.database.cli.TrueFalseOptionHandler;
import rs.builds.database.cli.UsageException;

/** {@code builder edit BUILDER}: changes a builder's state, comment and targets, all in one transaction. */
public final class BuilderEditCommand extends Command {
    @Argument(metaVar = "BUILDER", required = true, usage = BuilderReference.USAGE)
    private String builder;

    @Option(name = "--enabled", handler = TrueFalseOptionHandler.class, usage = "whether it may take jobs")
    private Boolean enabled;

    @Option(name = "--comment", metaVar = "TEXT", usage = "replace its comment (\"\" clears it)")
    private String comment;

    @Option(name = "--target-add", metaVar = "TARGET", usage = "let it build a target (repeatable)")
    private List<String> targetsToAdd = new ArrayList<>();

    @Option(name = "--target-remove", metaVar = "TARGET", usage = "stop it building a target (repeatable)")
    private List<String> targetsToRemove = new ArrayList<>();

    private BuilderReference reference;

    /** Made by args4j. */
    public BuilderEditCommand() {
    }

    @Override
    public String description() {
        return "enable or disable a builder, set its comment, add or remove its targets";
    }

    @Override
    public void check() {
        if (enabled == null && comment == null && targetsToAdd.isEmpty() && targetsToRemove.isEmpty()) {
            throw new UsageException("nothing to change: give --enabled, --comment, --target-add or --target-remove");
        }
        reference = BuilderReference.parse(builder);
        // by Names' rules, before anything connects
        targetsToAdd.forEach(Names::targetName);
        targetsToRemove.forEach(Names::targetName);
    }

    @Override
    public int run(Session session) {
        // any failure rolls back every change, so a builder is never left half edited
        UUID uuid = session.metadata().inTransaction(write -> {
            UUID id = reference.resolve(write);
            if (enabled != null) {
                write.builderSetEnabled(id, enabled);
            }
            if (comment != null) {
                write.builderSetComment(id, comment);
            }
            targetsToAdd.forEach(target -> write.builderTargetAdd(id, target));
            targetsToRemove.forEach(target -> write.builderTargetRemove(id, target));
            return id;
        });
        session.out().println(uuid);
        return Cli.OK;
    }
}
