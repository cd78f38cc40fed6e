package rs.builds.database.internal;

import java.util.ArrayList;
import java.util.List;
import rs.builds.database.IndexEntry;
import rs.builds.database.InvalidInputException;
import rs.builds.database.VersionKey;

/**
 * Checks a sync's input row by row ({@link Inputs#syncRow}) and cuts it into groups as it streams: a group is
 * consecutive rows of one crate (the whole crate, in an index; a crate may come in several). It holds the rows of the
 * group being read, at most {@value #GROUP_MAX}, and hands each group to its {@link Groups} at its end with its
 * digest ({@link SyncDigester}); a larger group's rows are handed on as they come, without a digest. It notes the
 * first version a group lists twice, whether some crate may have come in several groups, and whether some group was
 * too large to hold: what the server must then check itself. No database: what is sent, and where, is the
 * {@link Groups}'.
 */
final class SyncGrouper {
    /** Most rows of a group held for its digest; the rows of a larger group are handed on as they come. */
    static final int GROUP_MAX = 10_000;

    /** What a sync does with the groups, told in input order. */
    interface Groups {
        /** A group of this crate begins. */
        void start(String crate);

        /** A row of the group being read, which is too large to hold: the held rows in input order, then each row. */
        void overflow(IndexEntry row);

        /**
         * The group being read ended.
         *
         * @param crate its crate
         * @param rows how many rows it had
         * @param held its rows sorted by version, which the callee may reorder; {@code null} if it was too large to
         *        hold (each went to {@link #overflow})
         * @param digest its digest; {@code null} if it was too large to hold or lists a version twice
         */
        void end(String crate, long rows, List<IndexEntry> held, byte[] digest);
    }

    private final Groups groups;
    private final SyncDigester digester = new SyncDigester();
    private final Seen seen = new Seen();
    private final List<IndexEntry> held = new ArrayList<>();
    /** The group being read: its crate ({@code null} before the first row), rows, and whether it outgrew GROUP_MAX. */
    private String crate;
    private long groupRows;
    private boolean overflowing;

    private long rows;
    private long ended;
    private VersionKey duplicate;
    private boolean split;
    private boolean overflowed;

    SyncGrouper(Groups groups) {
        this.groups = groups;
    }

    /**
     * Takes the next row of the input.
     *
     * @throws InvalidInputException if it breaks {@link rs.builds.database.Names}' rules, naming its position
     */
    void add(IndexEntry row) {
        Inputs.syncRow(row, rows);
        rows++;
        if (!row.crate().equals(crate)) {
            end();
            crate = row.crate();
            groupRows = 0;
            overflowing = false;
            groups.start(crate);
            split |= seen.add(crate);
        }
        groupRows++;
        if (overflowing) {
            groups.overflow(row);
        } else if (held.size() < GROUP_MAX) {
            held.add(row);
        } else {
            held.forEach(groups::overflow);
            held.clear();
            groups.overflow(row);
            overflowing = true;
            overflowed = true;
        }
    }

    /** Ends the last group, after the last row. */
    void finish() {
        end();
    }

    private void end() {
        if (crate == null) {
            return;
        }
        byte[] digest = null;
        if (!overflowing) {
            digest = digester.digest(crate, held);
            if (digest == null && duplicate == null) {
                duplicate = new VersionKey(crate, SyncDigester.duplicateVersion(held));
            }
        }
        groups.end(crate, groupRows, overflowing ? null : held, digest);
        held.clear();
        ended++;
        crate = null;
    }

    /** @return rows taken */
    long rows() {
        return rows;
    }

    /** @return groups ended */
    long groups() {
        return ended;
    }

    /** @return the first version a group listed twice (seen in a group held whole), or {@code null} */
    VersionKey duplicate() {
        return duplicate;
    }

    /** @return whether some crate may have come in more than one group (two names of one hash look like one) */
    boolean split() {
        return split;
    }

    /** @return whether some group was too large to hold (its rows were not checked for a version listed twice) */
    boolean overflowed() {
        return overflowed;
    }

    /**
     * The crates seen so far, by {@link SyncDigester#nameHash}, to tell whether any crate came in more than one
     * group: open addressing over a {@code long[]} at most half full, 8 to 16 bytes a crate. Two names that hash
     * alike look like one crate seen twice, which only costs the server a slower check.
     */
    private static final class Seen {
        private long[] slots = new long[1024];
        private int size;

        /** @return whether a crate of this name (or of the same hash) was added before; adds it */
        boolean add(String crate) {
            long key = SyncDigester.nameHash(crate);
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
}
