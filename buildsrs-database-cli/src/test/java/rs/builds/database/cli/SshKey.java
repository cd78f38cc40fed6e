package rs.builds.database.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real key pair made by {@code ssh-keygen}, with its fingerprints as {@code ssh-keygen -l} prints them.
 *
 * @param privateKey the private key file
 * @param publicKey the {@code .pub} file
 * @param sha256 its SHA-256 fingerprint, {@code SHA256:...}
 * @param sha512 its SHA-512 fingerprint, {@code SHA512:...}
 */
record SshKey(Path privateKey, Path publicKey, String sha256, String sha512) {
    static SshKey generate(Path dir, String name) throws IOException, InterruptedException {
        Path privateKey = dir.resolve(name);
        ssh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", privateKey.toString());
        Path publicKey = dir.resolve(name + ".pub");
        return new SshKey(privateKey, publicKey, fingerprint(publicKey, "sha256"), fingerprint(publicKey, "sha512"));
    }

    /** @return the file's path, as passed on a command line */
    String pub() {
        return publicKey.toString();
    }

    private static String fingerprint(Path publicKey, String hash) throws IOException, InterruptedException {
        // "256 SHA256:abc... test (ED25519)"
        return ssh("ssh-keygen", "-l", "-E", hash, "-f", publicKey.toString()).split(" ")[1];
    }

    private static String ssh(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
