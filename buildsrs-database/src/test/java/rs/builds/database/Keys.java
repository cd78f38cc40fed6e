package rs.builds.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** SSH keys made by the real ssh-keygen, with the fingerprints it prints. */
record Keys(String publicKey, String sha256, String sha512) {
    static Keys generate(Path dir, String type, Integer bits) throws IOException, InterruptedException {
        Path key = Files.createTempDirectory(dir, "key").resolve("id");
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", "builder@test",
                "-f", key.toString()));
        if (bits != null) {
            command.addAll(List.of("-b", bits.toString()));
        }
        run(command);
        Path pub = Path.of(key + ".pub");
        return new Keys(Files.readString(pub), fingerprint(pub, "sha256"), fingerprint(pub, "sha512"));
    }

    static Keys ed25519(Path dir) throws IOException, InterruptedException {
        return generate(dir, "ed25519", null);
    }

    /** @return the public key without its comment, as stored */
    String canonical() {
        String[] fields = publicKey.trim().split(" ");
        return fields[0] + " " + fields[1];
    }

    private static String fingerprint(Path pub, String hash) throws IOException, InterruptedException {
        // "256 SHA256:abc... builder@test (ED25519)"
        return run(List.of("ssh-keygen", "-l", "-E", hash, "-f", pub.toString())).split(" ")[1];
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(command + " failed: " + output);
        }
        return output;
    }
}
