package rs.builds.database.cli.commands;

import org.kohsuke.args4j.Argument;
import rs.builds.database.ReadHandle;
import rs.builds.database.cli.Cli;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Session;

/** {@code builder lookup FINGERPRINT}: prints the UUID of the builder whose key has a fingerprint. */
public final class BuilderLookupCommand extends Command {
    @Argument(metaVar = "FINGERPRINT", required = true,
            usage = "the key's fingerprint as ssh-keygen -l prints it: SHA256:... or SHA512:...")
    private String fingerprint;

    /** Made by args4j. */
    public BuilderLookupCommand() {
    }

    @Override
    public String description() {
        return "print the UUID of the builder with a key fingerprint";
    }

    @Override
    public int run(Session session) {
        try (ReadHandle read = session.read()) {
            session.out().println(read.builderLookup(fingerprint));
        }
        return Cli.OK;
    }
}
