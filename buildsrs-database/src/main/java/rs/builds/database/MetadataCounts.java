package rs.builds.database;

/**
 * How much the database holds, for status displays.
 *
 * @param crates crates
 * @param versions crate versions
 * @param builders registered builders
 * @param buildersEnabled builders that may take jobs
 * @param buildersSeen builders whose heartbeat is within the window asked for
 * @param targets targets
 * @param targetsEnabled targets jobs are made for
 * @param jobsRunning jobs running now
 */
public record MetadataCounts(long crates, long versions, long builders, long buildersEnabled, long buildersSeen,
                             long targets, long targetsEnabled, long jobsRunning) {
}
