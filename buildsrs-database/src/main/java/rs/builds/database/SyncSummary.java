package rs.builds.database;

import java.util.List;

/**
 * What a {@link WriteHandle#sync} did. Lists hold at most {@value #EXAMPLES} examples; counts are exact.
 *
 * @param rows versions in the input
 * @param cratesAdded crates that were new
 * @param versionsAdded versions that were new
 * @param versionsYanked versions newly yanked
 * @param versionsUnyanked versions no longer yanked
 * @param unchanged versions stored as they were offered (not rewritten)
 * @param rejected versions skipped because their checksum changed (lenient syncs only)
 * @param rejectedExamples the first of those
 * @param missingCrates crates stored but absent from a complete input (never deleted); 0 for partial inputs
 * @param missingCrateExamples the first of those
 * @param missingVersions versions stored but absent from the input, of the crates it covers (never deleted)
 * @param missingVersionExamples the first of those
 */
public record SyncSummary(long rows, long cratesAdded, long versionsAdded, long versionsYanked, long versionsUnyanked,
                          long unchanged, long rejected, List<ChecksumConflict> rejectedExamples, long missingCrates,
                          List<String> missingCrateExamples, long missingVersions,
                          List<VersionKey> missingVersionExamples) {
    /** Most examples a summary lists. */
    public static final int EXAMPLES = 100;

    /**
     * Copies the lists.
     *
     * @param rows versions in the input
     * @param cratesAdded crates that were new
     * @param versionsAdded versions that were new
     * @param versionsYanked versions newly yanked
     * @param versionsUnyanked versions no longer yanked
     * @param unchanged versions stored as they were offered
     * @param rejected versions skipped because their checksum changed
     * @param rejectedExamples the first of those
     * @param missingCrates crates stored but absent from a complete input
     * @param missingCrateExamples the first of those
     * @param missingVersions versions stored but absent from the input, of the crates it covers
     * @param missingVersionExamples the first of those
     */
    public SyncSummary {
        rejectedExamples = List.copyOf(rejectedExamples);
        missingCrateExamples = List.copyOf(missingCrateExamples);
        missingVersionExamples = List.copyOf(missingVersionExamples);
    }
}
