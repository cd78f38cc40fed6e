package rs.builds.database.cli.commands;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;
import rs.builds.database.InvalidInputException;
import rs.builds.database.NotFoundException;
import rs.builds.database.ReadHandle;
import rs.builds.database.cli.CommandFailedException;

/**
 * A BUILDER argument: the builder's UUID, its key's fingerprint ({@code SHA256:...} or {@code SHA512:...}, as
 * {@code ssh-keygen -l} prints it) or the path of its public key file. {@link #parse} reads a key file at once,
 * so that a wrong path fails before the database is touched; {@link #resolve} finds the builder.
 */
final class BuilderReference {
    /** Usage text of BUILDER arguments. */
    static final String USAGE = "the builder: its UUID, its key's fingerprint (SHA256:...) or its public key file";

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final String text;
    private final PublicKeyFile keyFile;

    private BuilderReference(String text, PublicKeyFile keyFile) {
        this.text = text;
        this.keyFile = keyFile;
    }

    /**
     * @param text the argument
     * @return the reference
     * @throws CommandFailedException if it is neither a UUID nor a fingerprint, and no readable file
     */
    static BuilderReference parse(String text) {
        boolean named = UUID_TEXT.matcher(text).matches() || text.startsWith("SHA256:") || text.startsWith("SHA512:");
        if (!named && !isFile(text)) {
            // a mistyped UUID is no file either: say what was expected, not only that the file is missing
            throw CommandFailedException.notFound("'" + text + "' is neither a builder's UUID, a key fingerprint"
                    + " (SHA256:... as ssh-keygen -l prints it) nor a readable public key file");
        }
        return new BuilderReference(text, named ? null : PublicKeyFile.read(text));
    }

    private static boolean isFile(String text) {
        try {
            return Files.exists(Path.of(text));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /**
     * Finds the builder. A UUID is taken as it is: the operation that uses it says if there is no such builder.
     *
     * @param read where to look
     * @return the builder's UUID
     * @throws NotFoundException if no builder has the fingerprint
     * @throws CommandFailedException naming the key file if its key is malformed or belongs to no builder
     */
    UUID resolve(ReadHandle read) {
        if (keyFile != null) {
            try {
                return read.builderLookupByKey(keyFile.text());
            } catch (InvalidInputException e) {
                throw new CommandFailedException("public key file '" + text + "': " + e.getMessage(), e);
            } catch (NotFoundException e) {
                throw new CommandFailedException("no builder has the key in '" + text + "' (fingerprint " + e.key()
                        + ")", e);
            }
        }
        if (UUID_TEXT.matcher(text).matches()) {
            return UUID.fromString(text);
        }
        return read.builderLookup(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
