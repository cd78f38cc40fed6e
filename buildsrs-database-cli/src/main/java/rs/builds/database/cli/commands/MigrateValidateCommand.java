package rs.builds.database.cli.commands;

import rs.builds.database.cli.Command;
import rs.builds.database.cli.Session;

/** {@code migrate validate}: checks applied migrations against this release; fails if any differ or are pending. */
public final class MigrateValidateCommand extends Command {
    /** Made by args4j. */
    public MigrateValidateCommand() {
    }

    @Override
    public String description() {
        return "check the database's migrations against this release";
    }

    @Override
    public int run(Session session) {
        session.migrations().validate();
        session.out().println("migrations valid; schema version "
                + session.migrations().currentVersion().orElse("none"));
        return 0;
    }
}
