package rs.builds.database.cli.commands;

import org.kohsuke.args4j.Argument;
import rs.builds.database.Names;
import rs.builds.database.cli.Cli;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Session;

/** {@code job requeue CRATE VERSION TARGET}: queues a build again with fresh attempts. */
public final class JobRequeueCommand extends Command {
    @Argument(index = 0, metaVar = "CRATE", required = true, usage = "crate name")
    private String crate;

    @Argument(index = 1, metaVar = "VERSION", required = true, usage = "the crate's version")
    private String version;

    @Argument(index = 2, metaVar = "TARGET", required = true, usage = "target name")
    private String target;

    /** Made by args4j. */
    public JobRequeueCommand() {
    }

    @Override
    public String description() {
        return "queue a crate version's build for a target again, with fresh attempts";
    }

    /** Names are checked by {@link Names}' rules before anything connects: a bad one is a usage error. */
    @Override
    public void check() {
        Names.crateName(crate);
        Names.version(version);
        Names.targetName(target);
    }

    @Override
    public int run(Session session) {
        session.metadata().useTransaction(write -> {
            write.jobRequeue(crate, version, target);
        });
        session.out().println("requeued " + crate + " " + version + " for " + target);
        return Cli.OK;
    }
}
