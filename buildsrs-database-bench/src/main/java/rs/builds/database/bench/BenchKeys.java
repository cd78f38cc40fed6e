package rs.builds.database.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;

/** Fresh ed25519 public keys in OpenSSH form, made in-process (the benchmarks need many builders). */
public final class BenchKeys {
    private BenchKeys() {
    }

    public static String ed25519() {
        try {
            byte[] encoded = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
            // X.509 SubjectPublicKeyInfo of an Ed25519 key ends with the 32 raw key bytes
            byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
            ByteArrayOutputStream blob = new ByteArrayOutputStream();
            writeString(blob, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
            writeString(blob, raw);
            return "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.toByteArray()) + " bench";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeString(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }
}
