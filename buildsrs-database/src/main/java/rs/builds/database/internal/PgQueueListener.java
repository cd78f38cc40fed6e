package rs.builds.database.internal;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.PGConnection;
import rs.builds.database.DatabaseException;
import rs.builds.database.DatabaseUnavailableException;
import rs.builds.database.InvalidInputException;
import rs.builds.database.QueueListener;

/**
 * {@link QueueListener} on one connection that has run LISTEN. When the connection is lost (a server restart, a
 * terminated session) it connects again within the caller's timeout and reports a wake-up, because notifications
 * sent meanwhile were lost.
 */
final class PgQueueListener implements QueueListener {
    /** Pause between attempts to connect again, so an outage is not met with a busy loop. */
    private static final long RECONNECT_PAUSE_MILLIS = 200;

    private final Jdbi jdbi;
    private final String where;
    private final AtomicInteger open;
    private Handle handle;
    private PGConnection connection;
    private boolean closed;

    /**
     * Connects and listens at once, so a wrong listen URL fails here rather than in the first await.
     *
     * @param jdbi opens the listener's connections
     * @param where for messages: where it connects
     * @param open the count of open handles, incremented by the caller and decremented on close
     */
    PgQueueListener(Jdbi jdbi, String where, AtomicInteger open) {
        this.jdbi = jdbi;
        this.where = where;
        this.open = open;
        try {
            listen();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot listen for queue notifications on " + where + ": "
                    + e.getMessage(), e);
        } catch (JdbiException e) {
            throw Errors.translate("listening for queue notifications on " + where, e);
        }
    }

    @Override
    public boolean await(Duration timeout) {
        if (timeout == null || timeout.toMillis() < 1) {
            throw new InvalidInputException("timeout must be at least one millisecond (got " + timeout + ")");
        }
        if (closed) {
            // its connection is closed or back in the pool, maybe another handle's by now
            throw new IllegalStateException("this queue listener is closed; open a new one from Metadata");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        if (connection != null) {
            try {
                var notifications = connection.getNotifications((int) Math.min(Integer.MAX_VALUE,
                        timeout.toMillis()));
                return notifications != null && notifications.length > 0;
            } catch (SQLException e) {
                drop();
            }
        }
        return reconnect(deadline);
    }

    /**
     * Connects and listens again, trying until the deadline.
     *
     * @return {@code true} once listening again: notifications may have been missed, so the caller should look
     * @throws DatabaseUnavailableException if the deadline passed first; the next await tries again
     */
    private boolean reconnect(long deadline) {
        Exception last;
        do {
            try {
                listen();
                return true;
            } catch (SQLException | JdbiException e) {
                last = e;
                drop();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                Thread.sleep(Math.min(RECONNECT_PAUSE_MILLIS, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DatabaseException("interrupted while connecting again to listen for queue notifications", e);
            }
        } while (System.nanoTime() < deadline);
        throw new DatabaseUnavailableException("lost the connection listening for queue notifications and cannot"
                + " connect again to " + where + " (" + last.getMessage() + "); the next await tries again", last);
    }

    private void listen() throws SQLException {
        Handle opened = jdbi.open();
        try {
            opened.attach(QueueDao.class).listen();
            connection = opened.getConnection().unwrap(PGConnection.class);
            handle = opened;
        } catch (SQLException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /** Lets go of a broken connection (the pool discards it, a direct one is closed). */
    private void drop() {
        if (handle != null) {
            try {
                handle.close();
            } catch (JdbiException e) {
                // it is broken already
            }
        }
        handle = null;
        connection = null;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        open.decrementAndGet();
        if (handle == null) {
            return;
        }
        try {
            // a pooled session still listening would collect notifications for whoever uses the connection next
            handle.attach(QueueDao.class).unlisten();
        } catch (JdbiException e) {
            // a broken connection is discarded by the pool, listeners and all
        } finally {
            drop();
        }
    }
}
