package rs.builds.database.internal;

/**
 * The stored sync digests of crates (table {@code crate_sync_digests}, see V5__sync_digests.sql) as a sync holds them
 * in memory, to tell which of its groups need not be sent: open addressing over one {@code long[]}, three longs a
 * slot, sized once for the digests stored and between 35% and 70% full: 35 to 70 bytes a crate, 12.6 MB for the
 * 250,000 crates of crates.io. Memory grows with the crates, never with their versions.
 *
 * <p>A digest ({@value SyncDigester#BYTES} bytes, made by {@link SyncDigester}) starts with a 64-bit hash of the crate
 * name, which is where the table files it, so the client loads the digests without the names
 * ({@link SyncDigestReader}). Two crates whose names hash alike both stay in the table, and a lookup compares the
 * whole digest with each, which is enough because the SHA-256 covers the name itself.
 */
final class SyncDigests {
    private long[] slots;
    private int mask;
    private int size;

    /** @param expected how many digests will be put (more are taken, growing the table) */
    SyncDigests(long expected) {
        int capacity = 16;
        while (capacity * 7L < expected * 10L) {
            capacity *= 2;
        }
        slots = new long[3 * capacity];
        mask = capacity - 1;
    }

    /** @return how many digests the table holds */
    int size() {
        return size;
    }

    /** Adds a stored digest. */
    void put(byte[] digest) {
        if (digest == null || digest.length != SyncDigester.BYTES || longAt(digest, 0) == 0) {
            return; // not made by this client (an empty one marks a crate's digest invalid): it never matches
        }
        if ((size + 1) * 10L > (mask + 1) * 7L) {
            grow();
        }
        insert(longAt(digest, 0), longAt(digest, 8), longAt(digest, 16));
        size++;
    }

    /** @return whether the table holds this digest (made by {@link SyncDigester#digest}) */
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

    private static long longAt(byte[] bytes, int offset) {
        long value = 0;
        for (int i = offset; i < offset + 8; i++) {
            value = value << 8 | (bytes[i] & 0xff);
        }
        return value;
    }
}
