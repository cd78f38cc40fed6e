package rs.builds.database.cli.commands;

import java.util.ArrayList;
import java.util.List;
import org.kohsuke.args4j.Argument;
import rs.builds.database.DatabaseException;
import rs.builds.database.Names;
import rs.builds.database.WriteHandle;
import rs.builds.database.cli.Cli;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Session;

/** {@code crate add NAME...}: adds crates (idempotent), each in its own transaction. */
public final class CrateAddCommand extends Command {
    @Argument(metaVar = "NAME", required = true,
            usage = "crate names: ASCII letters, digits, '-' and '_', starting with a letter (crates.io's rule)")
    private List<String> names = new ArrayList<>();

    /** Made by args4j. */
    public CrateAddCommand() {
    }

    @Override
    public String description() {
        return "add crates (existing ones are left as they are)";
    }

    /** Names are checked by {@link Names}' rules before anything connects: a bad one is a usage error. */
    @Override
    public void check() {
        names.forEach(Names::crateName);
    }

    @Override
    public int run(Session session) {
        int failed = 0;
        int exit = Cli.OK;
        for (String name : names) {
            try (WriteHandle write = session.metadata().write()) {
                write.crateAdd(name);
                write.commit();
                session.out().println(name);
            } catch (DatabaseException e) {
                session.err().println("ERROR: " + KeepGoing.withItem("crate", name, e.getMessage()));
                failed++;
                exit = KeepGoing.combined(exit, e);
            }
        }
        if (failed > 0) {
            session.err().println("ERROR: " + failed + " of " + names.size() + " crates not added");
        }
        return exit;
    }
}
