package rs.builds.database.cli.commands;

import java.time.Instant;
import rs.builds.database.cli.Cli;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Session;

/** {@code job expire}: fails every running job whose lease has ended, as the backend does periodically. */
public final class JobExpireCommand extends Command {
    /** Made by args4j. */
    public JobExpireCommand() {
    }

    @Override
    public String description() {
        return "fail running jobs whose lease ended (their builds are retried or fail out)";
    }

    @Override
    public int run(Session session) {
        int expired = session.metadata().inTransaction(write -> write.jobsExpire(Instant.now()));
        session.out().println("expired " + expired + " job" + (expired == 1 ? "" : "s"));
        return Cli.OK;
    }
}
