package rs.builds.database.cli.commands;

import java.util.List;
import org.kohsuke.args4j.Argument;
import org.kohsuke.args4j.Option;
import rs.builds.database.CrateInfo;
import rs.builds.database.ReadHandle;
import rs.builds.database.cli.Cli;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Json;
import rs.builds.database.cli.Session;
import rs.builds.database.cli.TextTable;
import rs.builds.database.cli.UsageException;

/** {@code crate list [QUERY]}: searches crates by name, best matches first. */
public final class CrateListCommand extends Command {
    /** The most crates one search returns (the API's limit). */
    private static final int MAX_LIMIT = 10_000;

    @Argument(metaVar = "QUERY", usage = "part of a crate name, or a misspelling of one (default: list by name)")
    private String query = "";

    @Option(name = "--limit", metaVar = "N",
            usage = "show at most N crates, 1 to 10000 (default " + ReadHandle.CRATE_LIST_LIMIT + ")")
    private int limit = ReadHandle.CRATE_LIST_LIMIT;

    @Option(name = "--json", usage = Json.OPTION_USAGE)
    private boolean json;

    /** Made by args4j. */
    public CrateListCommand() {
    }

    @Override
    public String description() {
        return "search crates by name (exact match first, then similar names)";
    }

    @Override
    public void check() {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new UsageException("--limit must be from 1 to " + MAX_LIMIT + " (got " + limit + ")");
        }
    }

    @Override
    public int run(Session session) {
        List<CrateInfo> crates;
        try (ReadHandle read = session.read()) {
            crates = read.crateList(query, limit);
        }
        if (json) {
            Json.print(session.out(), JsonViews.array(crates, JsonViews::crate));
            return Cli.OK;
        }
        TextTable table = new TextTable("NAME", "ENABLED", "PRIORITY");
        crates.forEach(crate -> table.row(crate.name(), crate.enabled(), crate.priority()));
        table.print(session.out());
        return Cli.OK;
    }
}
