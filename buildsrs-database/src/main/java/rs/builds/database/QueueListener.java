package rs.builds.database;

import java.time.Duration;

/**
 * Wakes an idle backend when work may have become claimable: new versions, a target enabled, a crate enabled or
 * unyanked, a pair requeued or retried, the queue unlocked. Backed by PostgreSQL {@code LISTEN} on the channel
 * {@value #CHANNEL}, so it holds one connection until closed (see {@link Metadata#queueListener()}). Use from one
 * thread.
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
     * Waits for a notification, or returns at once if one arrived since the last call. If the connection was lost
     * (the server restarted, the session was terminated), it connects and listens again, trying until the timeout,
     * and then returns {@code true}: notifications sent while it was away are lost, so the caller should look for
     * work as if notified.
     *
     * @param timeout longest wait; at least one millisecond
     * @return {@code true} if notified or listening again after a lost connection, {@code false} if the time ran out
     * @throws DatabaseUnavailableException if the connection was lost and the server could not be reached again
     *         before the timeout; the listener stays usable, and the next call tries again
     * @throws IllegalStateException if this listener is closed
     */
    boolean await(Duration timeout);

    /** Stops listening and closes its connection (or returns it to the caller's data source). */
    @Override
    void close();
}
