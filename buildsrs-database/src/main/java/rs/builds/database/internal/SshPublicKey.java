package rs.builds.database.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A parsed and validated OpenSSH public key, as found on the single line of a {@code .pub} file
 * ({@code TYPE BASE64 [comment]}).
 *
 * <p>Supported types are {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256}, {@code ecdsa-sha2-nistp384},
 * {@code ecdsa-sha2-nistp521} and {@code ssh-rsa}. The key data is checked structurally (field layout,
 * lengths, curve and type consistency) so that obviously broken keys are rejected when they are
 * submitted rather than when they are first used. Instances are immutable.
 */
public final class SshPublicKey {

    private static final List<String> TYPES = List.of(
            "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa");

    /** Uncompressed point length (0x04 || X || Y) for each ECDSA curve. */
    private static final Map<String, Integer> ECDSA_POINT_LENGTHS = Map.of(
            "nistp256", 65, "nistp384", 97, "nistp521", 133);

    private static final int ED25519_KEY_LENGTH = 32;
    private static final int MIN_RSA_BITS = 1024;
    /** The largest RSA key ssh-keygen makes. */
    private static final int MAX_RSA_BITS = 16384;
    /** Far above any supported key's line (a 16384-bit RSA key is under 3 KB), and bounded. */
    private static final int MAX_TEXT = 16 * 1024;
    private static final int MAX_QUOTED_LENGTH = 24;

    private final String type;
    private final byte[] blob;
    private final String comment;

    private SshPublicKey(String type, byte[] blob, String comment) {
        this.type = type;
        this.blob = blob;
        this.comment = comment;
    }

    /**
     * Parses the contents of an OpenSSH {@code .pub} file.
     *
     * <p>Surrounding whitespace (including a trailing newline or CRLF) is ignored; the comment may
     * contain spaces.
     *
     * @param text the public key line, e.g. {@code "ssh-ed25519 AAAA... user@host"}
     * @return the validated key
     * @throws IllegalArgumentException if the text is null, blank, spans several lines, contains NUL
     *     characters, is a private key, has an unsupported type, is not strict base64, or its key data
     *     is malformed; the message says which
     */
    public static SshPublicKey parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("public key is missing (null)");
        }
        // Checked first: a private key is the most likely mistake and must get a specific hint.
        if (text.contains("-----BEGIN") && text.contains("PRIVATE KEY")) {
            throw new IllegalArgumentException("this looks like a private key; pass the .pub file");
        }
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("public key contains a NUL character");
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("public key is " + text.length() + " characters long; at most "
                    + MAX_TEXT + " are accepted (the largest supported key, RSA 16384 bits, needs under 3000)");
        }
        String line = text.strip();
        if (line.isEmpty()) {
            throw new IllegalArgumentException("public key is empty");
        }
        // After strip() both ends are non-blank, so any line break means two non-empty lines.
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(
                    "public key must be a single line; found more than one line (pass exactly one key)");
        }
        String[] fields = line.split("[ \t]+", 3);
        String type = fields[0];
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unsupported public key type '" + quote(type)
                    + "'; expected one of " + String.join(", ", TYPES));
        }
        if (fields.length < 2) {
            throw new IllegalArgumentException(
                    "public key has no base64 key data after the type '" + type + "'");
        }
        byte[] blob = decodeStrict(fields[1]);
        validate(type, blob);
        String comment = fields.length == 3 ? fields[2].strip() : "";
        return new SshPublicKey(type, blob, comment);
    }

    /**
     * Returns the key type.
     *
     * @return the type, e.g. {@code ssh-ed25519}
     */
    public String type() {
        return type;
    }

    /**
     * Returns the decoded key data.
     *
     * @return a fresh copy of the SSH wire-format public key blob
     */
    public byte[] blob() {
        return blob.clone();
    }

    /**
     * Returns the comment that followed the key data.
     *
     * @return the trimmed comment, or an empty string if there was none (never null)
     */
    public String comment() {
        return comment;
    }

    /**
     * Returns the form of the key that is stored. The base64 is re-encoded from the key data, so equal
     * keys always have the same canonical form regardless of how they were written.
     *
     * @return {@code TYPE BASE64} with a single space and no comment
     */
    public String canonical() {
        return type + " " + Base64.getEncoder().encodeToString(blob);
    }

    /**
     * Returns the SHA-256 fingerprint exactly as {@code ssh-keygen -l -E sha256} prints it.
     *
     * @return {@code SHA256:} followed by the unpadded base64 SHA-256 digest of the key data
     */
    public String fingerprintSha256() {
        return "SHA256:" + digest("SHA-256");
    }

    /**
     * Returns the SHA-512 fingerprint exactly as {@code ssh-keygen -l -E sha512} prints it.
     *
     * @return {@code SHA512:} followed by the unpadded base64 SHA-512 digest of the key data
     */
    public String fingerprintSha512() {
        return "SHA512:" + digest("SHA-512");
    }

    /** Two keys are equal when their type and key data are equal; the comment is ignored. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SshPublicKey other && type.equals(other.type) && Arrays.equals(blob, other.blob);
    }

    /** Consistent with {@link #equals(Object)}: based on type and key data only. */
    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(blob);
    }

    /** Returns {@link #canonical()}. */
    @Override
    public String toString() {
        return canonical();
    }

    private String digest(String algorithm) {
        try {
            byte[] hash = MessageDigest.getInstance(algorithm).digest(blob);
            return Base64.getEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform is required to provide SHA-256 and SHA-512.
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    private static byte[] decodeStrict(String base64) {
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("public key data is not valid base64", e);
        }
        // The JDK decoder tolerates missing padding and non-zero trailing bits; ssh-keygen never
        // writes either, so a round-trip mismatch means the data was damaged or hand-edited.
        if (blob.length == 0 || !Base64.getEncoder().encodeToString(blob).equals(base64)) {
            throw new IllegalArgumentException("public key data is not valid base64");
        }
        return blob;
    }

    private static void validate(String type, byte[] blob) {
        WireReader in = new WireReader(blob);
        String blobType = new String(in.string(), StandardCharsets.ISO_8859_1);
        if (!blobType.equals(type)) {
            throw new IllegalArgumentException("public key type '" + type
                    + "' does not match the key data's type '" + quote(blobType) + "'");
        }
        if (type.equals("ssh-ed25519")) {
            int length = in.string().length;
            if (length != ED25519_KEY_LENGTH) {
                throw new IllegalArgumentException("ssh-ed25519 public key must be " + ED25519_KEY_LENGTH
                        + " bytes, but the key data holds " + length);
            }
        } else if (type.equals("ssh-rsa")) {
            BigInteger e = in.mpint();
            BigInteger n = in.mpint();
            if (e.signum() <= 0 || n.signum() <= 0) {
                throw new IllegalArgumentException("ssh-rsa public exponent and modulus must be positive");
            }
            if (n.bitLength() > MAX_RSA_BITS) {
                throw new IllegalArgumentException("ssh-rsa key is too large: " + n.bitLength()
                        + " bits, at most " + MAX_RSA_BITS + " supported");
            }
            if (n.bitLength() < MIN_RSA_BITS) {
                throw new IllegalArgumentException("ssh-rsa key is too small: " + n.bitLength()
                        + " bits, at least " + MIN_RSA_BITS + " required");
            }
        } else {
            String expectedCurve = type.substring("ecdsa-sha2-".length());
            String curve = new String(in.string(), StandardCharsets.ISO_8859_1);
            if (!curve.equals(expectedCurve)) {
                throw new IllegalArgumentException("public key type '" + type
                        + "' does not match the key data's curve '" + quote(curve) + "'");
            }
            byte[] point = in.string();
            int expectedLength = ECDSA_POINT_LENGTHS.get(curve);
            if (point.length != expectedLength || point[0] != 0x04) {
                throw new IllegalArgumentException(type + " public key must be an uncompressed point of "
                        + expectedLength + " bytes starting with 0x04");
            }
        }
        if (in.remaining() > 0) {
            throw new IllegalArgumentException(
                    "public key data has " + in.remaining() + " unexpected trailing bytes");
        }
    }

    /** Keeps error messages short: quoted values come from user input and may be arbitrarily long. */
    private static String quote(String value) {
        return value.length() <= MAX_QUOTED_LENGTH ? value : value.substring(0, MAX_QUOTED_LENGTH) + "...";
    }

    /** Reads the SSH wire format (RFC 4251 section 5): uint32 big-endian length-prefixed strings. */
    private static final class WireReader {
        private final byte[] data;
        private int pos;

        WireReader(byte[] data) {
            this.data = data;
        }

        byte[] string() {
            if (remaining() < 4) {
                throw truncated();
            }
            long length = ((data[pos] & 0xffL) << 24) | ((data[pos + 1] & 0xff) << 16)
                    | ((data[pos + 2] & 0xff) << 8) | (data[pos + 3] & 0xff);
            pos += 4;
            if (length > remaining()) {
                throw truncated();
            }
            byte[] value = Arrays.copyOfRange(data, pos, pos + (int) length);
            pos += (int) length;
            return value;
        }

        BigInteger mpint() {
            byte[] bytes = string();
            // RFC 4251: no unnecessary leading zero byte. OpenSSH trims one and fingerprints what is left, so a padded
            // copy of a key would be stored, and fingerprinted, as a different key
            if (bytes.length > 0 && bytes[0] == 0 && (bytes.length == 1 || (bytes[1] & 0x80) == 0)) {
                throw new IllegalArgumentException("public key data holds a number with an unnecessary leading zero"
                        + " byte; OpenSSH never writes keys so");
            }
            return bytes.length == 0 ? BigInteger.ZERO : new BigInteger(bytes);
        }

        int remaining() {
            return data.length - pos;
        }

        private static IllegalArgumentException truncated() {
            return new IllegalArgumentException("public key data is truncated");
        }
    }
}
