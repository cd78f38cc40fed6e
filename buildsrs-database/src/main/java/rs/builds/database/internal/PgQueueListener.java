package rs.builds.database.internal;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.PGConnection;
import rs.builds.database.DatabaseUnavailableException;
import rs.builds.database.InvalidInputException;
import rs.builds.database.QueueListener;

/** {@link QueueListener} on one connection that has run LISTEN. */
final class PgQueueListener implements QueueListener {
    private final Handle handle;
    private final PGConnection connection;
    private final AtomicInteger open;
    private boolean closed;

    PgQueueListener(Handle handle, AtomicInteger open) {
        this.handle = handle;
        this.open = open;
        try {
            handle.attach(QueueDao.class).listen();
            this.connection = handle.getConnection().unwrap(PGConnection.class);
        } catch (SQLException e) {
            handle.close();
            throw new DatabaseUnavailableException("cannot listen for queue notifications: " + e.getMessage(), e);
        } catch (JdbiException e) {
            handle.close();
            throw Errors.translate("listening for queue notifications", e);
        }
    }

    @Override
    public boolean await(Duration timeout) {
        if (timeout == null || timeout.toMillis() < 1) {
            throw new InvalidInputException("timeout must be at least one millisecond (got " + timeout + ")");
        }
        if (closed) {
            // its connection is back in the pool, maybe another handle's by now
            throw new IllegalStateException("this queue listener is closed; open a new one from Metadata");
        }
        try {
            var notifications = connection.getNotifications((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            return notifications != null && notifications.length > 0;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("lost the connection listening for queue notifications: "
                    + e.getMessage() + " (open a new listener)", e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        open.decrementAndGet();
        try {
            // the pool keeps the session, and a session still listening would collect notifications for
            // whoever uses the connection next
            handle.attach(QueueDao.class).unlisten();
        } catch (JdbiException e) {
            // a broken connection is discarded by the pool, listeners and all
        } finally {
            handle.close();
        }
    }
}
