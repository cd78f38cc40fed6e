package rs.builds.database.cli.commands;

import org.kohsuke.args4j.Argument;
import rs.builds.database.CrateInfo;
import rs.builds.database.ReadHandle;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Session;
import rs.builds.database.cli.TextTable;

/** {@code crate show NAME}: shows one crate. */
public final class CrateShowCommand extends Command {
    @Argument(metaVar = "NAME", required = true, usage = "crate name")
    private String name;

    /** Made by args4j. */
    public CrateShowCommand() {
    }

    @Override
    public String description() {
        return "show a crate";
    }

    @Override
    public int run(Session session) {
        try (ReadHandle read = session.metadata().read()) {
            CrateInfo crate = read.crateInfo(name);
            new TextTable("NAME", "ENABLED").row(crate.name(), crate.enabled()).print(session.out());
        }
        return 0;
    }
}
