package rs.builds.database.cli.commands;

import java.util.List;
import org.kohsuke.args4j.Option;
import rs.builds.database.Builder;
import rs.builds.database.ReadHandle;
import rs.builds.database.cli.Cli;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Json;
import rs.builds.database.cli.Session;
import rs.builds.database.cli.TextTable;

/** {@code builder list}: lists every builder, in order of registration. */
public final class BuilderListCommand extends Command {
    @Option(name = "--json", usage = Json.OPTION_USAGE)
    private boolean json;

    /** Made by args4j. */
    public BuilderListCommand() {
    }

    @Override
    public String description() {
        return "list builders";
    }

    @Override
    public int run(Session session) {
        List<Builder> builders;
        try (ReadHandle read = session.read()) {
            builders = read.builderList();
        }
        if (json) {
            Json.print(session.out(), JsonViews.array(builders, JsonViews::builder));
            return Cli.OK;
        }
        TextTable table = new TextTable("UUID", "ENABLED", "HEARTBEAT", "TARGETS", "COMMENT");
        for (Builder builder : builders) {
            table.row(builder.uuid(), builder.enabled(), BuilderShowCommand.heartbeat(builder),
                    BuilderShowCommand.targets(builder), builder.comment());
        }
        table.print(session.out());
        return Cli.OK;
    }
}
