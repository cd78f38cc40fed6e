package rs.builds.database.cli.commands;

import org.kohsuke.args4j.Argument;
import rs.builds.database.ReadHandle;
import rs.builds.database.cli.Cli;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Session;

/** {@code builder lookup BUILDER}: prints the UUID of the builder with a key fingerprint or public key file. */
public final class BuilderLookupCommand extends Command {
    @Argument(metaVar = "BUILDER", required = true, usage = BuilderReference.USAGE)
    private String builder;

    private BuilderReference reference;

    /** Made by args4j. */
    public BuilderLookupCommand() {
    }

    @Override
    public String description() {
        return "print the UUID of the builder with a key fingerprint or public key file";
    }

    @Override
    public void check() {
        reference = BuilderReference.parse(builder);
    }

    @Override
    public int run(Session session) {
        try (ReadHandle read = session.read()) {
            // a UUID is printed only if such a builder exists
            session.out().println(read.builderGet(reference.resolve(read)).uuid());
        }
        return Cli.OK;
    }
}
