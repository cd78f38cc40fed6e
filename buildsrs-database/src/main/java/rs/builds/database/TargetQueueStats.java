package rs.builds.database;

/**
 * The queue of one target.
 *
 * @param target the target's name
 * @param enabled whether the target is enabled (a disabled target's queued pairs are not claimed)
 * @param queued pairs waiting to be built (including those waiting out a retry backoff)
 * @param running pairs being built now
 * @param succeeded pairs built successfully
 * @param failed pairs out of attempts, waiting for an admin to requeue them
 */
public record TargetQueueStats(String target, boolean enabled, long queued, long running, long succeeded,
                               long failed) {
}
