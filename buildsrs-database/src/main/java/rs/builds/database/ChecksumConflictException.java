package rs.builds.database;

import java.util.List;

/**
 * Versions were offered with a checksum other than the one stored, which is never overwritten (a published crate
 * file never changes): by {@link WriteHandle#crateVersionAdd} (one version) or a strict {@link WriteHandle#sync}
 * (each such version of the input). Nothing was written. Its {@link #reason()} is
 * {@link ConflictException.Reason#CHECKSUM_CHANGED}; {@link #entity()} and {@link #key()} name the first version
 * ({@code "version of crate 'serde'"}, {@code "1.0.0"}).
 */
public class ChecksumConflictException extends ConflictException {
    private static final long serialVersionUID = 1L;

    private final transient List<ChecksumConflict> conflicts;
    /** How many conflicts there are in all (the list holds the first ones). */
    private final long count;

    /**
     * A conflict of these versions.
     *
     * @param conflicts the first conflicts found (at most {@link SyncSummary#EXAMPLES}); at least one
     * @param count how many there are in all
     */
    public ChecksumConflictException(List<ChecksumConflict> conflicts, long count) {
        super(Reason.CHECKSUM_CHANGED, "version of crate '" + conflicts.get(0).crate() + "'",
                conflicts.get(0).version(), message(conflicts.get(0), count), null);
        this.conflicts = List.copyOf(conflicts);
        this.count = count;
    }

    private static String message(ChecksumConflict first, long count) {
        return (count == 1 ? "" : count + " versions changed their checksum, the first ") + first
                + (count > 1 ? " (and " + (count - 1) + " more)" : "") + ": a published crate file never changes, so"
                + " a stored checksum is never overwritten; nothing was written";
    }

    /** {@return the first conflicts found} */
    public List<ChecksumConflict> conflicts() {
        return conflicts;
    }

    /** {@return how many conflicts there are in all} */
    public long count() {
        return count;
    }
}
