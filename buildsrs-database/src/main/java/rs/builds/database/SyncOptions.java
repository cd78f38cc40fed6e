package rs.builds.database;

/**
 * How {@link WriteHandle#sync} treats its input.
 *
 * @param complete whether the input is the whole index: then crates stored but absent from it are reported as
 *        disappeared, and so are versions of every crate; otherwise only versions of the crates it lists
 * @param skipChangedChecksums whether a version whose checksum differs from the stored one is skipped and reported
 *        (lenient) instead of failing the whole sync (strict, the default)
 */
public record SyncOptions(boolean complete, boolean skipChangedChecksums) {
    /** {@return strict options for an input holding part of the index (some crates' files)} */
    public static SyncOptions partial() {
        return new SyncOptions(false, false);
    }

    /** {@return strict options for an input holding the whole index} */
    public static SyncOptions completeIndex() {
        return new SyncOptions(true, false);
    }

    /** {@return a copy that skips and reports versions whose checksum changed, instead of failing} */
    public SyncOptions lenient() {
        return new SyncOptions(complete, true);
    }
}
