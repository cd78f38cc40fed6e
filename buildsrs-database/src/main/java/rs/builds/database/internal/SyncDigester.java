package rs.builds.database.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import rs.builds.database.IndexEntry;

/**
 * Makes the sync digest of a crate's group of rows, the format {@code crate_sync_digests} stores (see
 * V5__sync_digests.sql): {@value #BYTES} bytes, a 64-bit hash of the crate name ({@link #nameHash}), under which
 * {@link SyncDigests} files it, then the first 128 bits of the SHA-256 of the crate's name and its rows sorted by
 * version, each field length-prefixed (see {@link #digest}). Only the sync client makes and compares them; the
 * database stores them and never interprets them. One per thread: it reuses its buffers.
 */
final class SyncDigester {
    /** Bytes of a stored digest: the name hash and 128 bits of SHA-256. */
    static final int BYTES = 24;
    /** Changes when the encoding does: older digests then never match and are replaced. */
    private static final byte FORMAT = 1;
    private static final Comparator<IndexEntry> BY_VERSION = Comparator.comparing(IndexEntry::version);

    private final MessageDigest sha256;
    private byte[] buffer = new byte[4096];
    private final byte[] hash = new byte[32];

    SyncDigester() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A 64-bit hash of a name (FNV-1a over its chars, then MurmurHash3's finalizer); never 0, the empty slot. */
    static long nameHash(String name) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < name.length(); i++) {
            h = (h ^ name.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb53fe1a85ec3L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    /**
     * The digest of a group of rows of one crate: SHA-256 over a format byte, the crate name, then each row sorted by
     * version: its version, checksum (32 bytes) and yanked flag. Strings are length-prefixed UTF-8 (the inputs hold
     * no unpaired surrogate, so that encoding is one-to-one), so no two different inputs encode alike.
     *
     * @param crate the crate name
     * @param rows its rows, all of that crate, checked; sorted by version in place
     * @return the name hash and the first 16 bytes of the SHA-256, or {@code null} if two rows have the same version
     *         (such a group is never skipped: the sync rejects it)
     */
    byte[] digest(String crate, List<IndexEntry> rows) {
        rows.sort(BY_VERSION);
        int length = 0;
        length = put(length, FORMAT);
        length = putString(length, crate);
        String previous = null;
        for (IndexEntry row : rows) {
            if (row.version().equals(previous)) {
                return null;
            }
            previous = row.version();
            length = putString(length, row.version());
            length = putChecksum(length, row.checksum());
            length = put(length, (byte) (row.yanked() ? 1 : 0));
        }
        sha256.update(buffer, 0, length);
        try {
            sha256.digest(hash, 0, hash.length);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
        byte[] digest = new byte[BYTES];
        long key = nameHash(crate);
        for (int i = 0; i < 8; i++) {
            digest[i] = (byte) (key >>> (56 - 8 * i));
        }
        System.arraycopy(hash, 0, digest, 8, BYTES - 8);
        return digest;
    }

    /** @return the first version listed twice in rows sorted by version, or {@code null} */
    static String duplicateVersion(List<IndexEntry> sorted) {
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).version().equals(sorted.get(i - 1).version())) {
                return sorted.get(i).version();
            }
        }
        return null;
    }

    private int put(int length, byte value) {
        ensure(length + 1);
        buffer[length] = value;
        return length + 1;
    }

    /** A string as its length in UTF-8 bytes (two bytes: names are short) and those bytes. */
    private int putString(int length, String value) {
        int chars = value.length();
        ensure(length + 2 + 3 * chars);
        int start = length + 2;
        int end = start;
        for (int i = 0; i < chars; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                System.arraycopy(bytes, 0, buffer, start, bytes.length);
                end = start + bytes.length;
                break;
            }
            buffer[end++] = (byte) c;
        }
        int n = end - start;
        buffer[length] = (byte) (n >>> 8);
        buffer[length + 1] = (byte) n;
        return end;
    }

    /** A checked checksum (64 lowercase hex digits) as its 32 bytes. */
    private int putChecksum(int length, String checksum) {
        ensure(length + 32);
        for (int i = 0; i < 64; i += 2) {
            buffer[length++] = (byte) (HEX_VALUE[checksum.charAt(i) & 0x7f] << 4 | HEX_VALUE[checksum.charAt(i + 1) & 0x7f]);
        }
        return length;
    }

    /** The value of each lowercase hex digit, by character. */
    private static final byte[] HEX_VALUE = new byte[128];

    static {
        for (int i = 0; i < 16; i++) {
            HEX_VALUE["0123456789abcdef".charAt(i)] = (byte) i;
        }
    }

    private void ensure(int capacity) {
        if (capacity > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(capacity, buffer.length * 2));
        }
    }
}
