package rs.builds.database.internal;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells HikariCP to discard a connection whose session is out of step with the client, on top of the connection
 * errors (SQLSTATE class 08, server shutdown) it discards anyway. Such a connection fails every later use in the
 * same way, so keeping it in the pool would fail a share of all later calls; a new one starts clean.
 */
final class BrokenConnections implements SQLExceptionOverride {
    /**
     * A failed transaction the client did not start (25P02 is only ever seen by a client that sent a statement
     * after an error in its own transaction, which the handles never do), a protocol violation (08P01, e.g. a
     * bind to a statement prepared for other SQL), a prepared statement missing (26000) or already there (42P05):
     * each means the server session is not the one the driver believes it talks to, as behind a transaction
     * pooler with server-side prepared statements.
     */
    static final Set<String> OUT_OF_STEP = Set.of("25P02", "08P01", "26000", "42P05");

    @java.lang.Override
    public Override adjudicate(SQLException error) {
        return OUT_OF_STEP.contains(error.getSQLState()) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
