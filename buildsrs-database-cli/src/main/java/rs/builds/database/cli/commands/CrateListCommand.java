package rs.builds.database.cli.commands;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

/**
 * {@code crate list [QUERY]}: searches crates by name, best matches first, a page at a time ({@code --limit},
 * {@code --offset}) or all of them ({@code --all}, streamed). When a page does not show every match, stderr says
 * so ({@code 50 of 20,000 shown}), so stdout stays just the list.
 */
public final class CrateListCommand extends Command {
    /** The most crates one page holds (the API's limit). */
    private static final int MAX_LIMIT = 10_000;
    /** The largest offset (the API's). */
    private static final int MAX_OFFSET = 1_000_000_000;
    /** Rows of {@code --all} whose names set the NAME column's width; a longer name after them shifts its row. */
    static final int ALL_WIDTH_ROWS = 1000;

    @Argument(metaVar = "QUERY", usage = "part of a crate name, or a misspelling of one (default: list by name)")
    private String query = "";

    @Option(name = "--limit", metaVar = "N",
            usage = "show at most N crates, 1 to 10000 (default " + ReadHandle.CRATE_LIST_LIMIT + ")")
    private Integer limit;

    @Option(name = "--offset", metaVar = "N", usage = "skip the first N crates, for the next page (default 0)")
    private int offset;

    @Option(name = "--all", usage = "show every matching crate, streamed (every crate, without a QUERY)")
    private boolean all;

    @Option(name = "--json", usage = Json.OPTION_USAGE)
    private boolean json;

    /** Made by args4j. */
    public CrateListCommand() {
    }

    @Override
    public String description() {
        return "search crates by name (exact match first, then similar names), a page at a time or --all";
    }

    @Override
    public void check() {
        if (all && (limit != null || offset != 0)) {
            throw new UsageException("--all shows every crate: give it without --limit and --offset");
        }
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new UsageException("--limit must be from 1 to " + MAX_LIMIT + " (got " + limit + ")");
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new UsageException("--offset must be from 0 to " + MAX_OFFSET + " (got " + offset + ")");
        }
    }

    @Override
    public int run(Session session) {
        if (all) {
            return all(session);
        }
        int pageSize = limit != null ? limit : ReadHandle.CRATE_LIST_LIMIT;
        List<CrateInfo> crates;
        long total;
        try (ReadHandle read = session.read()) {
            crates = read.crateList(query, pageSize, offset);
            // a full page, or one after others, may not be all: count them (a short first page is all there is)
            total = crates.size() == pageSize || offset > 0 ? read.crateCount(query) : crates.size();
        }
        if (json) {
            Json.print(session.out(), JsonViews.array(crates, JsonViews::crate));
        } else {
            TextTable table = new TextTable("NAME", "ENABLED", "PRIORITY");
            crates.forEach(crate -> table.row(crate.name(), crate.enabled(), crate.priority()));
            table.print(session.out());
        }
        if (crates.size() < total) {
            session.err().println(shown(crates.size(), total, offset));
        }
        return Cli.OK;
    }

    /** @return {@code 50 of 20,000 shown; --offset 50 shows the next page, --all every one} and the like */
    static String shown(int shown, long total, int offset) {
        String line = String.format(Locale.ROOT, "%,d of %,d shown", shown, total);
        if (offset > 0) {
            line += String.format(Locale.ROOT, " (from number %,d)", offset + 1L);
        }
        long next = (long) offset + shown;
        return line + (next < total ? "; --offset " + next + " shows the next page, --all every one"
                : "; --all shows every one");
    }

    private int all(Session session) {
        try (ReadHandle read = session.read()) {
            if (json) {
                Json.printArray(session.out(), sink -> read.crateListEach(query, crate ->
                        sink.accept(JsonViews.crate(crate))));
            } else {
                StreamedTable table = new StreamedTable(session.out());
                read.crateListEach(query, table::row);
                table.finish();
            }
        }
        return Cli.OK;
    }

    /**
     * The crate table for {@code --all}, printed as rows come: the first {@value #ALL_WIDTH_ROWS} rows are held to
     * size the NAME column, then every row is printed at once, so memory does not grow with the crates.
     */
    private static final class StreamedTable {
        private final PrintStream out;
        private final List<CrateInfo> held = new ArrayList<>();
        private int nameWidth = -1;

        StreamedTable(PrintStream out) {
            this.out = out;
        }

        void row(CrateInfo crate) {
            if (nameWidth < 0) {
                held.add(crate);
                if (held.size() == ALL_WIDTH_ROWS) {
                    flush();
                }
            } else {
                print(crate);
            }
        }

        void finish() {
            if (nameWidth < 0) {
                flush();
            }
        }

        private void flush() {
            nameWidth = "NAME".length();
            for (CrateInfo crate : held) {
                nameWidth = Math.max(nameWidth, crate.name().length());
            }
            out.println(String.format("%-" + nameWidth + "s  ENABLED  PRIORITY", "NAME"));
            held.forEach(this::print);
            held.clear();
        }

        private void print(CrateInfo crate) {
            out.println(String.format("%-" + nameWidth + "s  %-7s  %d", crate.name(), crate.enabled(),
                    crate.priority()));
        }
    }
}
