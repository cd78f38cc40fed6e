package rs.builds.database.cli;

/**
 * A command that only groups sub-commands ({@code builder}, {@code crate}, ...): subclasses declare the args4j
 * {@code @SubCommands} field and return what it holds; running the group runs the chosen sub-command.
 */
public abstract class CommandGroup extends Command {
    /** @return the sub-command args4j chose (the subclass's annotated field) */
    protected abstract Command chosen();

    @Override
    public int run(Session session) throws Exception {
        return chosen().run(session);
    }

    @Override
    public Command subCommand() {
        return chosen();
    }
}
