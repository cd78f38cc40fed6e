package rs.builds.database.cli.commands;

import java.util.List;
import org.kohsuke.args4j.Option;
import rs.builds.database.ReadHandle;
import rs.builds.database.TargetInfo;
import rs.builds.database.cli.Cli;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Json;
import rs.builds.database.cli.Session;
import rs.builds.database.cli.TextTable;

/** {@code target list}: lists every target, by name. */
public final class TargetListCommand extends Command {
    @Option(name = "--json", usage = Json.OPTION_USAGE)
    private boolean json;

    /** Made by args4j. */
    public TargetListCommand() {
    }

    @Override
    public String description() {
        return "list targets";
    }

    @Override
    public int run(Session session) {
        List<TargetInfo> targets;
        try (ReadHandle read = session.read()) {
            targets = read.targetList();
        }
        if (json) {
            Json.print(session.out(), JsonViews.array(targets, JsonViews::target));
            return Cli.OK;
        }
        TextTable table = new TextTable("NAME", "ENABLED");
        targets.forEach(target -> table.row(target.name(), target.enabled()));
        table.print(session.out());
        return Cli.OK;
    }
}
