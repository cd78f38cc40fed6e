package rs.builds.database.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import rs.builds.database.IndexEntry;

/**
 * The sync digests of crates (table {@code crate_sync_digests}, see V5__sync_digests.sql) as a sync holds them in
 * memory: open addressing over one {@code long[]}, three longs a slot, sized once for the digests stored and between
 * 35% and 70% full: 35 to 70 bytes a crate, 12.6 MB for the 250,000 crates of crates.io. Memory grows with the
 * crates, never with their versions.
 *
 * <p>A digest ({@value #BYTES} bytes) is a 64-bit hash of the crate name ({@link #nameHash}), which is where the table
 * files it, then the first 128 bits of the SHA-256 of the crate's name and its rows sorted by version, each field
 * length-prefixed (see {@link #digest}). Only the sync client makes and compares them; the database stores them, and
 * the client loads them without the names. Two crates whose names hash alike both stay in the table, and a lookup
 * compares the whole digest with each, which is enough because the SHA-256 covers the name itself.
 */
final class SyncDigests {
    /** Bytes of a stored digest: the name hash and 128 bits of SHA-256. */
    static final int BYTES = 24;
    /** Changes when the encoding does: older digests then never match and are replaced. */
    private static final byte FORMAT = 1;
    private static final Comparator<IndexEntry> BY_VERSION = Comparator.comparing(IndexEntry::version);

    private long[] slots;
    private int mask;
    private int size;

    private final MessageDigest sha256;
    private byte[] buffer = new byte[4096];
    private final byte[] hash = new byte[32];

    /** @param expected how many digests will be put (more are taken, growing the table) */
    SyncDigests(long expected) {
        int capacity = 16;
        while (capacity * 7L < expected * 10L) {
            capacity *= 2;
        }
        slots = new long[3 * capacity];
        mask = capacity - 1;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** @return how many digests the table holds */
    int size() {
        return size;
    }

    /** Adds a stored digest. */
    void put(byte[] digest) {
        if (digest == null || digest.length != BYTES || longAt(digest, 0) == 0) {
            return; // not made by this client (an empty one marks a crate's digest invalid): it never matches
        }
        if ((size + 1) * 10L > (mask + 1) * 7L) {
            grow();
        }
        insert(longAt(digest, 0), longAt(digest, 8), longAt(digest, 16));
        size++;
    }

    /** @return whether the table holds this digest (made by {@link #digest}) */
    boolean contains(byte[] digest) {
        long key = longAt(digest, 0);
        long high = longAt(digest, 8);
        long low = longAt(digest, 16);
        for (int i = (int) key & mask; ; i = (i + 1) & mask) {
            long slot = slots[3 * i];
            if (slot == 0) {
                return false;
            }
            if (slot == key && slots[3 * i + 1] == high && slots[3 * i + 2] == low) {
                return true;
            }
        }
    }

    private void insert(long key, long high, long low) {
        int i = (int) key & mask;
        while (slots[3 * i] != 0) {
            i = (i + 1) & mask;
        }
        slots[3 * i] = key;
        slots[3 * i + 1] = high;
        slots[3 * i + 2] = low;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        mask = mask * 2 + 1;
        for (int i = 0; i < old.length; i += 3) {
            if (old[i] != 0) {
                insert(old[i], old[i + 1], old[i + 2]);
            }
        }
    }

    /**
     * The crates seen so far, by {@link #nameHash}, to tell whether any crate came in more than one group: open
     * addressing over a {@code long[]} at most half full, 8 to 16 bytes a crate. Two names that hash alike look like
     * one crate seen twice, which only costs the server a slower check.
     */
    static final class Seen {
        private long[] slots = new long[1024];
        private int size;

        /** @return whether a crate of this name (or of the same hash) was added before; adds it */
        boolean add(String crate) {
            long key = nameHash(crate);
            int mask = slots.length - 1;
            int i = (int) key & mask;
            for (; slots[i] != 0; i = (i + 1) & mask) {
                if (slots[i] == key) {
                    return true;
                }
            }
            slots[i] = key;
            if (++size * 2 > slots.length) {
                long[] old = slots;
                slots = new long[old.length * 2];
                mask = slots.length - 1;
                for (long held : old) {
                    if (held != 0) {
                        int j = (int) held & mask;
                        while (slots[j] != 0) {
                            j = (j + 1) & mask;
                        }
                        slots[j] = held;
                    }
                }
            }
            return false;
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

    private static long longAt(byte[] bytes, int offset) {
        long value = 0;
        for (int i = offset; i < offset + 8; i++) {
            value = value << 8 | (bytes[i] & 0xff);
        }
        return value;
    }
}
