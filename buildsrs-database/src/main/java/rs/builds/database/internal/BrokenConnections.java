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

    /**
     * Whether an error says the session is out of step, rather than gone. PgBouncer reports its own failures with
     * 08P01 too ({@code server conn crashed?} when the server died under a transaction, {@code server login has been
     * failing} while it is down): those mean the database cannot be reached, so 08P01 counts only when the server
     * complains about a statement the session does not hold as the driver believes ({@code bind message supplies 2
     * parameters, but prepared statement "S_1" requires 1}).
     *
     * @param state the error's SQLSTATE
     * @param message the error's message
     */
    static boolean outOfStep(String state, String message) {
        if (state.equals("08P01")) {
            String text = String.valueOf(message);
            return text.contains("bind message") || text.contains("prepared statement");
        }
        return OUT_OF_STEP.contains(state);
    }

    @java.lang.Override
    public Override adjudicate(SQLException error) {
        return OUT_OF_STEP.contains(error.getSQLState()) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
