package rs.builds.database.cli.commands;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.kohsuke.args4j.Argument;
import org.kohsuke.args4j.Option;
import rs.builds.database.Builder;
import rs.builds.database.ReadHandle;
import rs.builds.database.cli.Cli;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.Json;
import rs.builds.database.cli.Session;
import rs.builds.database.cli.TextTable;

/** {@code builder show BUILDER}: shows one builder, with its key and targets. */
public final class BuilderShowCommand extends Command {
    @Argument(metaVar = "BUILDER", required = true, usage = BuilderReference.USAGE)
    private String builder;

    @Option(name = "--json", usage = Json.OPTION_USAGE)
    private boolean json;

    private BuilderReference reference;

    /** Made by args4j. */
    public BuilderShowCommand() {
    }

    @Override
    public String description() {
        return "show a builder";
    }

    @Override
    public void check() {
        reference = BuilderReference.parse(builder);
    }

    @Override
    public int run(Session session) {
        Builder shown;
        try (ReadHandle read = session.read()) {
            shown = read.builderGet(reference.resolve(read));
        }
        if (json) {
            Json.print(session.out(), JsonViews.builder(shown));
            return Cli.OK;
        }
        TextTable.withoutHeader(2)
                .row("uuid", shown.uuid())
                .row("fingerprint", fingerprint(shown.publicKey()))
                .row("public key", shown.publicKey())
                .row("comment", shown.comment())
                .row("enabled", shown.enabled())
                .row("heartbeat", heartbeat(shown))
                .row("targets", targets(shown))
                .print(session.out());
        return Cli.OK;
    }

    static String heartbeat(Builder builder) {
        return builder.heartbeat() == null ? "never" : builder.heartbeat().toString();
    }

    static String targets(Builder builder) {
        return builder.targets().isEmpty() ? "-" : String.join(",", builder.targets());
    }

    /** The SHA-256 fingerprint as {@code ssh-keygen -l} prints it, which the API's builder record does not carry. */
    static String fingerprint(String publicKey) {
        byte[] blob = Base64.getDecoder().decode(publicKey.split(" ")[1].getBytes(StandardCharsets.US_ASCII));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
