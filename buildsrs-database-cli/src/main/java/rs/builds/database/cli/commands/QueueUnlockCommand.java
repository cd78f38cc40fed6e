package rs.builds.database.cli.commands;

import rs.builds.database.cli.Cli;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Session;

/** {@code queue unlock}: lets claims resume, waking waiting builders. */
public final class QueueUnlockCommand extends Command {
    /** Made by args4j. */
    public QueueUnlockCommand() {
    }

    @Override
    public String description() {
        return "let builders claim jobs again";
    }

    @Override
    public int run(Session session) {
        session.metadata().useTransaction(write -> {
            write.queueUnlock();
        });
        session.out().println("queue unlocked");
        return Cli.OK;
    }
}
