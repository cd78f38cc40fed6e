package rs.builds.database;

import java.time.Duration;

/**
 * Wakes an idle backend when work may have become claimable: new versions, a target enabled, a crate enabled or
 * unyanked, a pair requeued or retried, the queue unlocked. Backed by PostgreSQL {@code LISTEN} on the channel
 * {@value #CHANNEL}, so it holds one connection of the pool until closed. Use from one thread.
 *
 * <pre>{@code
 * try (QueueListener listener = metadata.queueListener()) {
 *     while (running) {
 *         if (!claimAndRun()) {
 *             listener.await(Duration.ofMinutes(1)); // a timeout too, in case a notification was missed
 *         }
 *     }
 * }
 * }</pre>
 */
public interface QueueListener extends AutoCloseable {
    /** The PostgreSQL notification channel. */
    String CHANNEL = "buildsrs_queue";

    /**
     * Waits for a notification, or returns at once if one arrived since the last call.
     *
     * @param timeout longest wait; at least one millisecond
     * @return {@code true} if notified, {@code false} if the time ran out
     * @throws DatabaseUnavailableException if the connection was lost (open a new listener)
     * @throws IllegalStateException if this listener is closed
     */
    boolean await(Duration timeout);

    /** Stops listening and returns the connection to the pool. */
    @Override
    void close();
}
