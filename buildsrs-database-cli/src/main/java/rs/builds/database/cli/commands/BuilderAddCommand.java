package rs.builds.database.cli.commands;

import java.util.UUID;
import org.kohsuke.args4j.Argument;
import org.kohsuke.args4j.Option;
import org.kohsuke.args4j.spi.UuidOptionHandler;
import rs.builds.database.ConflictException;
import rs.builds.database.InvalidInputException;
import rs.builds.database.cli.Cli;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.CommandFailedException;
import rs.builds.database.cli.Session;

/** {@code builder add KEYFILE}: registers a builder by its public key, disabled and without targets. */
public final class BuilderAddCommand extends Command {
    @Argument(metaVar = "KEYFILE", required = true, usage = "the builder's OpenSSH public key file (.pub)")
    private String keyFile;

    @Option(name = "--comment", metaVar = "TEXT", usage = "a note for admins, e.g. where the builder runs")
    private String comment = "";

    @Option(name = "--uuid", metaVar = "UUID", handler = UuidOptionHandler.class,
            usage = "the builder's UUID (default: a random one)")
    private UUID uuid;

    private PublicKeyFile key;

    /** Made by args4j. */
    public BuilderAddCommand() {
    }

    @Override
    public String description() {
        return "register a builder (disabled, no targets) and print its UUID";
    }

    @Override
    public void check() {
        key = PublicKeyFile.read(keyFile);
    }

    @Override
    public int run(Session session) {
        UUID id = uuid != null ? uuid : UUID.randomUUID();
        try {
            session.metadata().useTransaction(write -> {
                write.builderAdd(id, key.text(), comment);
            });
        } catch (InvalidInputException | ConflictException e) {
            throw new CommandFailedException("cannot add a builder with the key in '" + key.path() + "': "
                    + e.getMessage(), e);
        }
        session.out().println(id);
        return Cli.OK;
    }
}
