package rs.builds.database;

import java.time.Duration;

/**
 * Settings of the build queue, stored in the database so every backend instance uses the same.
 *
 * @param locked whether claims are stopped
 * @param maxAttempts failed or expired attempts after which a pair leaves the queue until requeued, 1 to 100
 * @param lease how long a claim or heartbeat keeps a job alive, at least one second
 * @param retryBackoff wait before a failed pair is retried, doubled after each further failure; at least 0
 */
public record QueueSettings(boolean locked, int maxAttempts, Duration lease, Duration retryBackoff) {
}
