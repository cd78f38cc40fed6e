package rs.builds.database.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import rs.builds.database.IndexEntry;

/**
 * The first rows of a sync's input, read (and checked) before anything is sent, to tell a small input from a large
 * one: the few crates a steady-state sync lists need only their own stored digests, and only a large input into empty
 * tables is worth loading them directly ({@link SyncIntoEmpty}). Holds at most {@value #ROWS} rows.
 */
final class SyncPrefix {
    /** Rows read ahead: the largest input counted as small. */
    static final int ROWS = 32_768;

    private final List<IndexEntry> rows;
    private final Iterator<IndexEntry> rest;
    private final boolean whole;

    private SyncPrefix(List<IndexEntry> rows, Iterator<IndexEntry> rest, boolean whole) {
        this.rows = rows;
        this.rest = rest;
        this.whole = whole;
    }

    /**
     * Reads up to {@value #ROWS} rows, checking each as the sync does.
     *
     * @throws rs.builds.database.InvalidInputException naming the first malformed row
     */
    static SyncPrefix read(Iterator<IndexEntry> input) {
        List<IndexEntry> rows = new ArrayList<>();
        while (rows.size() < ROWS && input.hasNext()) {
            IndexEntry row = input.next();
            Inputs.syncRow(row, rows.size());
            rows.add(row);
        }
        return new SyncPrefix(rows, input, !input.hasNext());
    }

    /** @return whether these are all the rows of the input */
    boolean whole() {
        return whole;
    }

    /** @return the names of the crates the rows list, if they are the whole input */
    String[] crates() {
        Set<String> names = new LinkedHashSet<>();
        for (IndexEntry row : rows) {
            names.add(row.crate());
        }
        return names.toArray(String[]::new);
    }

    /** @return the rows read ahead, then the rest of the input */
    Iterator<IndexEntry> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < rows.size() || rest.hasNext();
            }

            @Override
            public IndexEntry next() {
                if (next < rows.size()) {
                    IndexEntry row = rows.get(next);
                    rows.set(next++, null); // sent: no longer held
                    return row;
                }
                if (!rest.hasNext()) {
                    throw new NoSuchElementException();
                }
                return rest.next();
            }
        };
    }
}
