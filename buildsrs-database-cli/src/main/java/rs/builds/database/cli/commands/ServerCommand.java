package rs.builds.database.cli.commands;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Session;

/**
 * {@code server}: runs the embedded PostgreSQL of the data directory in the foreground until Ctrl-C or SIGTERM, and
 * prints its URL for psql and services. Other commands on that data directory use it meanwhile (and skip starting and
 * stopping one of their own); if some still do when this one ends, the last of them stops it.
 */
public final class ServerCommand extends Command {
    /** Made by args4j. */
    public ServerCommand() {
    }

    @Override
    public String description() {
        return "run the embedded PostgreSQL until Ctrl-C and print its URL; other commands on its data directory use it";
    }

    /** Never returns: the JVM ends on Ctrl-C or SIGTERM (exit code 130 or 143), stopping the server on its way out. */
    @Override
    public int run(Session session) throws InterruptedException {
        String url = session.serveEmbedded();
        Path password = session.dataDir().resolve("postgres-password");
        session.onInterrupt(null);
        session.out().println(url);
        session.out().flush();
        session.err().println("serving until Ctrl-C; the password is in " + password + ", e.g.\n  PGPASSWORD=\"$(cat "
                + password + ")\" psql " + url);
        session.err().flush();
        new CountDownLatch(1).await();
        throw new IllegalStateException("unreachable: nothing counts the latch down");
    }
}
