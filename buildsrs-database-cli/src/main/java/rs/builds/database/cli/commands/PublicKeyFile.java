package rs.builds.database.cli.commands;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import rs.builds.database.cli.CommandFailedException;

/**
 * An OpenSSH public key file named on the command line, read before the database is touched so that a wrong
 * path fails at once. Its text goes to the core API as it is: the API checks the key.
 *
 * @param path the path as given
 * @param text the file's contents
 */
record PublicKeyFile(String path, String text) {
    /** Far more than any public key line (a 16384-bit RSA key is under 3 KB): anything bigger is the wrong file. */
    private static final long MAX_BYTES = 64 * 1024;

    /**
     * @param path the file, e.g. {@code builder.pub}
     * @return its contents
     * @throws CommandFailedException naming the file if it cannot be read or cannot be a public key file (a private
     *         key, a directory, a binary or huge file); {@link CommandFailedException#notFound} if it does not exist
     */
    static PublicKeyFile read(String path) {
        Path file = Path.of(path);
        try {
            if (Files.isDirectory(file)) {
                throw failure(path, "it is a directory");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw failure(path, "it has " + size + " bytes, far too many for a public key (pass the .pub file)");
            }
            String text = Files.readString(file);
            if (text.contains("-----BEGIN") && text.contains("PRIVATE KEY")) {
                throw new CommandFailedException("'" + path + "' is a private key, which must stay on the builder:"
                        + " pass its public key file" + (path.endsWith(".pub") ? "" : " (" + path + ".pub)"));
            }
            return new PublicKeyFile(path, text);
        } catch (NoSuchFileException e) {
            throw CommandFailedException.notFound("cannot read public key file '" + path + "': no such file");
        } catch (AccessDeniedException e) {
            throw failure(path, "permission denied");
        } catch (CharacterCodingException e) {
            throw failure(path, "it is not text (pass the .pub file)");
        } catch (IOException e) {
            throw failure(path, e.getMessage());
        }
    }

    private static CommandFailedException failure(String path, String reason) {
        return new CommandFailedException("cannot read public key file '" + path + "': " + reason);
    }
}
