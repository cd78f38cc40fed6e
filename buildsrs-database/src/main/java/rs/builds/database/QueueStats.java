package rs.builds.database;

import java.util.List;

/**
 * The build queue at a glance.
 *
 * @param locked whether claims are stopped
 * @param targets per target, sorted by name
 */
public record QueueStats(boolean locked, List<TargetQueueStats> targets) {
    /**
     * Copies the list.
     *
     * @param locked whether claims are stopped
     * @param targets per target, sorted by name
     */
    public QueueStats {
        targets = List.copyOf(targets);
    }

    /** {@return pairs waiting, over all targets} */
    public long queued() {
        return targets.stream().mapToLong(TargetQueueStats::queued).sum();
    }

    /** {@return jobs running, over all targets} */
    public long running() {
        return targets.stream().mapToLong(TargetQueueStats::running).sum();
    }

    /** {@return pairs out of attempts, over all targets} */
    public long failed() {
        return targets.stream().mapToLong(TargetQueueStats::failed).sum();
    }
}
