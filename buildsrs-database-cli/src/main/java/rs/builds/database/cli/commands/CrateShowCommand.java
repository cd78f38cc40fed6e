package rs.builds.database.cli.commands;

import java.util.List;
import org.kohsuke.args4j.Argument;
import org.kohsuke.args4j.Option;
import rs.builds.database.CrateInfo;
import rs.builds.database.Names;
import rs.builds.database.ReadHandle;
import rs.builds.database.VersionInfo;
import rs.builds.database.cli.Cli;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Json;
import rs.builds.database.cli.Session;
import rs.builds.database.cli.TextTable;

/** {@code crate show NAME}: shows one crate and its versions. */
public final class CrateShowCommand extends Command {
    @Argument(metaVar = "NAME", required = true,
            usage = "crate name, in any case ('-' and '_' alike, as on crates.io)")
    private String name;

    @Option(name = "--json", usage = Json.OPTION_USAGE)
    private boolean json;

    /** Made by args4j. */
    public CrateShowCommand() {
    }

    @Override
    public String description() {
        return "show a crate and its versions";
    }

    /** Names are checked by {@link Names}' rules before anything connects: a bad one is a usage error. */
    @Override
    public void check() {
        Names.crateName(name);
    }

    @Override
    public int run(Session session) {
        CrateInfo crate;
        List<VersionInfo> versions;
        try (ReadHandle read = session.read()) {
            crate = read.crateInfo(name);
            versions = read.crateVersions(name);
        }
        if (json) {
            Json.print(session.out(),
                    JsonViews.crate(crate).set("versions", JsonViews.array(versions, JsonViews::version)));
            return Cli.OK;
        }
        new TextTable("NAME", "ENABLED", "PRIORITY").row(crate.name(), crate.enabled(), crate.priority())
                .print(session.out());
        session.out().println();
        TextTable table = new TextTable("VERSION", "CHECKSUM", "YANKED");
        versions.forEach(version -> table.row(version.version(), version.checksum(), version.yanked()));
        table.print(session.out());
        return Cli.OK;
    }
}
