package rs.builds.database.cli.commands;

import rs.builds.database.cli.Cli;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Session;

/** {@code queue lock}: stops all claims until {@code queue unlock}; running jobs go on. */
public final class QueueLockCommand extends Command {
    /** Made by args4j. */
    public QueueLockCommand() {
    }

    @Override
    public String description() {
        return "stop builders claiming jobs (running jobs go on) until queue unlock";
    }

    @Override
    public int run(Session session) {
        session.metadata().useTransaction(write -> {
            write.queueLock();
        });
        session.out().println("queue locked");
        return Cli.OK;
    }
}
