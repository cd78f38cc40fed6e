package rs.builds.database.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SshPublicKeyTest {

    private static final String COMMENT = "some comment";

    @TempDir
    static Path shared;

    /** An ed25519 key pair generated once, used as raw material for the error cases. */
    private static Path ed25519;
    private static String ed25519Pub;
    private static byte[] ed25519Blob;

    @BeforeAll
    static void generateSharedKey() throws Exception {
        ed25519 = generate(shared, "ed25519", null);
        ed25519Pub = Files.readString(pub(ed25519));
        ed25519Blob = Base64.getDecoder().decode(ed25519Pub.split(" ")[1]);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "ed25519, , ssh-ed25519",
        "ecdsa, 256, ecdsa-sha2-nistp256",
        "ecdsa, 384, ecdsa-sha2-nistp384",
        "ecdsa, 521, ecdsa-sha2-nistp521",
        "rsa, 2048, ssh-rsa",
        "rsa, 3072, ssh-rsa",
    })
    void matchesSshKeygen(String keygenType, Integer bits, String expectedType, @TempDir Path dir) throws Exception {
        Path key = generate(dir, keygenType, bits);
        String pubText = Files.readString(pub(key));

        SshPublicKey parsed = SshPublicKey.parse(pubText);

        String[] fields = pubText.strip().split(" ", 3);
        assertEquals(expectedType, parsed.type());
        assertEquals(fields[0] + " " + fields[1], parsed.canonical());
        assertEquals(parsed.canonical(), parsed.toString());
        assertEquals(COMMENT, parsed.comment());
        assertEquals(keygenFingerprint(key, "sha256"), parsed.fingerprintSha256());
        assertEquals(keygenFingerprint(key, "sha512"), parsed.fingerprintSha512());
    }

    @Test
    void surroundingWhitespaceAndCrlfAreIgnored() {
        String[] fields = ed25519Pub.strip().split(" ", 3);
        String messy = "  \t" + fields[0] + "  \t " + fields[1] + "\t  " + COMMENT + "  \r\n\r\n";

        SshPublicKey parsed = SshPublicKey.parse(messy);

        assertEquals(SshPublicKey.parse(ed25519Pub).canonical(), parsed.canonical());
        assertEquals(COMMENT, parsed.comment());
    }

    @Test
    void missingCommentIsEmptyString() {
        SshPublicKey parsed = SshPublicKey.parse(SshPublicKey.parse(ed25519Pub).canonical() + "\n");
        assertEquals("", parsed.comment());
    }

    @Test
    void equalityIgnoresCommentAndBlobIsDefensivelyCopied() {
        SshPublicKey a = SshPublicKey.parse(ed25519Pub);
        SshPublicKey b = SshPublicKey.parse(a.canonical() + " other comment");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());

        byte[] blob = a.blob();
        assertArrayEquals(ed25519Blob, blob);
        blob[blob.length - 1] ^= 1;
        assertArrayEquals(ed25519Blob, a.blob());
        assertNotEquals(a, SshPublicKey.parse("ssh-ed25519 " + b64(blob)));
    }

    @Test
    void rejectsBadBase64() {
        assertError("not valid base64", "ssh-ed25519 AAAA!!!!not*base64");
        // Valid alphabet but missing padding: ssh-keygen always pads, so this is damaged data.
        assertError("not valid base64", "ssh-ed25519 AAAAAQ");
    }

    @Test
    void rejectsTypeMismatch() {
        assertError("public key type 'ssh-rsa' does not match the key data's type 'ssh-ed25519'",
                "ssh-rsa " + b64(ed25519Blob) + " " + COMMENT);
    }

    @Test
    void rejectsTruncatedData() {
        byte[] cut = Arrays.copyOf(ed25519Blob, ed25519Blob.length - 5);
        assertError("public key data is truncated", "ssh-ed25519 " + b64(cut));
        assertError("public key data is truncated", "ssh-ed25519 " + b64(Arrays.copyOf(ed25519Blob, 2)));
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] longer = Arrays.copyOf(ed25519Blob, ed25519Blob.length + 3);
        assertError("3 unexpected trailing bytes", "ssh-ed25519 " + b64(longer));
    }

    @Test
    void rejectsPastedPrivateKey() throws IOException {
        String privateKey = Files.readString(ed25519);
        String message = assertError("this looks like a private key; pass the .pub file", privateKey);
        assertFalse(message.contains(privateKey.lines().skip(1).findFirst().orElseThrow()));
    }

    @Test
    void rejectsEmptyInput() {
        assertError("public key is empty", "");
        assertError("public key is empty", "  \r\n\t\n");
        assertError("missing", null);
    }

    @Test
    void rejectsUnknownType() {
        assertError("unsupported public key type 'ssh-dss'", "ssh-dss " + b64(ed25519Blob));
        String message = assertError("unsupported public key type", "x".repeat(10_000) + " AAAA");
        assertTrue(message.length() < 300, "message should not echo long input: " + message.length());
    }

    @Test
    void rejectsNulCharacter() {
        assertError("NUL character", ed25519Pub.strip() + "\0");
    }

    @Test
    void rejectsTwoKeysOnTwoLines() {
        assertError("more than one line", ed25519Pub + ed25519Pub);
    }

    @Test
    void rejectsMissingKeyData() {
        assertError("no base64 key data", "ssh-ed25519");
    }

    @Test
    void rejectsMalformedKeyMaterial() {
        byte[] shortEd = wire(str("ssh-ed25519"), new byte[31]);
        assertError("must be 32 bytes", "ssh-ed25519 " + b64(shortEd));

        byte[] point = new byte[65];
        point[0] = 4;
        byte[] wrongCurve = wire(str("ecdsa-sha2-nistp256"), str("nistp384"), point);
        assertError("does not match the key data's curve 'nistp384'", "ecdsa-sha2-nistp256 " + b64(wrongCurve));
        point[0] = 2;
        byte[] compressed = wire(str("ecdsa-sha2-nistp256"), str("nistp256"), point);
        assertError("uncompressed point of 65 bytes", "ecdsa-sha2-nistp256 " + b64(compressed));

        byte[] e = BigInteger.valueOf(65537).toByteArray();
        byte[] smallRsa = wire(str("ssh-rsa"), e, BigInteger.ONE.shiftLeft(511).setBit(0).toByteArray());
        assertError("too small: 512 bits", "ssh-rsa " + b64(smallRsa));
        byte[] zeroExponent = wire(str("ssh-rsa"), new byte[0], BigInteger.ONE.shiftLeft(2047).toByteArray());
        assertError("must be positive", "ssh-rsa " + b64(zeroExponent));
        byte[] modulus = BigInteger.ONE.shiftLeft(2047).setBit(0).toByteArray(); // 00 80 .. 01: the 00 is needed
        SshPublicKey.parse("ssh-rsa " + b64(wire(str("ssh-rsa"), e, modulus)));
        byte[] paddedExponent = new byte[e.length + 1];
        System.arraycopy(e, 0, paddedExponent, 1, e.length); // 00 01 00 01: the 00 is not
        assertError("unnecessary leading zero", "ssh-rsa " + b64(wire(str("ssh-rsa"), paddedExponent, modulus)));
    }

    private static String assertError(String expectedFragment, String input) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SshPublicKey.parse(input));
        assertTrue(e.getMessage().contains(expectedFragment),
                () -> "expected message containing '" + expectedFragment + "' but was '" + e.getMessage() + "'");
        return e.getMessage();
    }

    private static Path generate(Path dir, String type, Integer bits) throws Exception {
        Path key = dir.resolve("id_" + type + (bits == null ? "" : "_" + bits));
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type));
        if (bits != null) {
            command.addAll(List.of("-b", bits.toString()));
        }
        command.addAll(List.of("-N", "", "-C", COMMENT, "-f", key.toString()));
        run(command);
        return key;
    }

    private static String keygenFingerprint(Path key, String hash) throws Exception {
        String output = run(List.of("ssh-keygen", "-l", "-E", hash, "-f", pub(key).toString()));
        return output.strip().split("\\s+")[1];
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        assertEquals(0, exit, () -> command + " failed: " + output);
        return output;
    }

    private static Path pub(Path key) {
        return key.resolveSibling(key.getFileName() + ".pub");
    }

    private static String b64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    private static byte[] str(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Encodes each value as an SSH wire-format string: uint32 big-endian length, then the bytes. */
    private static byte[] wire(byte[]... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] value : values) {
            int n = value.length;
            out.write(n >>> 24);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
            out.writeBytes(value);
        }
        return out.toByteArray();
    }
}
