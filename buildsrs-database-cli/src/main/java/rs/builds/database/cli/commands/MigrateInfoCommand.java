package rs.builds.database.cli.commands;

import rs.builds.database.cli.Command;
import rs.builds.database.cli.Session;
import rs.builds.database.cli.TextTable;
import rs.builds.database.migrations.MigrationInfo;

/** {@code migrate info}: lists applied and pending migrations, like {@code flyway info}. */
public final class MigrateInfoCommand extends Command {
    /** Made by args4j. */
    public MigrateInfoCommand() {
    }

    @Override
    public String description() {
        return "list applied and pending migrations";
    }

    @Override
    public int run(Session session) {
        TextTable table = new TextTable("VERSION", "DESCRIPTION", "STATE", "INSTALLED");
        for (MigrationInfo info : session.migrations().info()) {
            table.row(info.version(), info.description(), info.detail(), info.installedOn());
        }
        table.print(session.out());
        return 0;
    }
}
