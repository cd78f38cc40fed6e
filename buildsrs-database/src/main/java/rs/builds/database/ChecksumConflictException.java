package rs.builds.database;

import java.util.List;

/**
 * A strict {@link WriteHandle#sync} met versions whose checksum changed; nothing was written.
 */
public class ChecksumConflictException extends ConflictException {
    private static final long serialVersionUID = 1L;

    private final transient List<ChecksumConflict> conflicts;
    /** How many conflicts there are in all (the list holds the first ones). */
    private final long count;

    /**
     * A conflict of these versions.
     *
     * @param conflicts the first conflicts found (at most {@link SyncSummary#EXAMPLES})
     * @param count how many there are in all
     */
    public ChecksumConflictException(List<ChecksumConflict> conflicts, long count) {
        super(count + " version(s) changed their checksum, which a published crate never does; nothing was synced."
                + " First: " + conflicts.get(0) + (count > 1 ? " (and " + (count - 1) + " more)" : "")
                + ". Sync leniently to skip them.", null);
        this.conflicts = List.copyOf(conflicts);
        this.count = count;
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
