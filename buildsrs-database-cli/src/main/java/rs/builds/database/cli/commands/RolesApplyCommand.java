package rs.builds.database.cli.commands;

import rs.builds.database.cli.Command;
import rs.builds.database.cli.Session;
import rs.builds.database.migrations.Roles;

/** {@code roles apply}: creates the NOLOGIN service roles if missing and (re)grants exactly their rights. */
public final class RolesApplyCommand extends Command {
    /** Made by args4j. */
    public RolesApplyCommand() {
    }

    @Override
    public String description() {
        return "create the service roles if missing and grant each exactly its rights (run after migrate)";
    }

    @Override
    public int run(Session session) {
        session.applyRoles();
        for (String role : new String[] {Roles.BACKEND, Roles.REGISTRY_SYNC, Roles.ADMIN}) {
            session.out().println(role);
        }
        return 0;
    }
}
