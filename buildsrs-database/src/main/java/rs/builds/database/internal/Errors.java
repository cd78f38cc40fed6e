package rs.builds.database.internal;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import rs.builds.database.ConflictException;
import rs.builds.database.DatabaseException;
import rs.builds.database.DatabaseUnavailableException;
import rs.builds.database.InvalidInputException;
import rs.builds.database.PermissionDeniedException;
import rs.builds.database.ReadOnlyDatabaseException;
import rs.builds.database.TransientConflictException;

/** Translates Jdbi and JDBC errors into the API's exceptions, by PostgreSQL's SQLSTATE. */
final class Errors {
    private Errors() {
    }

    /**
     * @param operation what was being done, e.g. {@code "adding crate 'serde'"}
     * @param error what Jdbi threw
     * @return the API exception to throw instead
     */
    static DatabaseException translate(String operation, JdbiException error) {
        return translate(operation, (Exception) error);
    }

    /**
     * @param operation what was being done
     * @param error what the driver threw, for the few operations that use it directly
     * @return the API exception to throw instead
     */
    static DatabaseException translate(String operation, SQLException error) {
        return translate(operation, (Exception) error);
    }

    private static DatabaseException translate(String operation, Exception error) {
        SQLException sql = sqlException(error);
        String state = sql == null ? null : sql.getSQLState();
        String reason = sql == null ? String.valueOf(error.getMessage()) : sql.getMessage();
        // HikariCP's wording when no connection came in time: every one in use, or new ones kept failing (then it
        // passes on the last failure's SQLSTATE and cause)
        boolean poolTimeout = sql instanceof SQLTransientConnectionException
                && String.valueOf(reason).contains("request timed out");
        if (poolTimeout && state == null && sql.getCause() == null) {
            return new DatabaseUnavailableException("no database connection came free while " + operation
                    + ": every connection of the pool is in use (" + reason + "); close handles promptly or make"
                    + " the pool larger", error);
        }
        if (poolTimeout && sql.getCause() != null) {
            reason = reason + ": " + sql.getCause().getMessage();
        }
        if (state != null && BrokenConnections.outOfStep(state, reason)) {
            return new DatabaseException("the database session was out of step with this client while " + operation
                    + " (SQLSTATE " + state + ": " + reason + "); the connection was discarded, so running the"
                    + " operation again uses a fresh one. Behind a transaction pooler such as PgBouncer in transaction"
                    + " mode, set the pooler mode to transaction (--database-postgres-pooler transaction)", error);
        }
        if (state != null && state.startsWith("28")) {
            return new DatabaseUnavailableException("the database refused the login while " + operation + ": "
                    + reason + " (check the user name and password)", error);
        }
        if (poolTimeout || error instanceof ConnectionException || state != null && (state.startsWith("08")
                || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                // the session was ended: its database dropped, an idle session or idle transaction timed out
                || state.equals("57P04") || state.equals("57P05") || state.equals("25P03"))) {
            return new DatabaseUnavailableException("cannot reach the database while " + operation + ": " + reason
                    + " (check that the server is running and the connection settings are right)", error);
        }
        if (state == null) {
            return new DatabaseException("database error while " + operation + ": " + reason, error);
        }
        if (state.equals("40001") || state.equals("40P01")) {
            return new TransientConflictException("a concurrent transaction conflicted while " + operation
                    + "; run the transaction again: " + reason, error);
        }
        // a hot standby also refuses serializable transactions, before any write is tried (SQLSTATE 0A000 is any
        // feature not supported, so the server's message tells this one apart)
        if (state.equals("25006") || state.equals("0A000") && String.valueOf(reason).contains("hot standby")) {
            return new ReadOnlyDatabaseException("the database server is read-only while " + operation + " ("
                    + reason + "): it is probably a hot standby (a replica); writes must go to the primary, so check"
                    + " that the database URL (--database-postgres) names the primary, not a replica", error);
        }
        if (state.equals("42501")) {
            return new PermissionDeniedException("the database role may not do this (" + operation + "): " + reason,
                    error);
        }
        if (state.startsWith("23")) {
            ServerErrorMessage server = sql instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
            String table = server == null || server.getTable() == null ? "data" : server.getTable();
            return new ConflictException(ConflictException.Reason.CONSTRAINT, table,
                    server == null ? null : server.getConstraint(), "conflicting data while " + operation + ": "
                    + reason, error);
        }
        if (state.startsWith("22")) {
            return new InvalidInputException("the database rejected a value while " + operation + ": " + reason);
        }
        return new DatabaseException("database error while " + operation + ": " + reason, error);
    }

    /**
     * @param error an error from taking a pooled connection
     * @return whether HikariCP gave up because every connection stayed in use (not because the server is gone)
     */
    static boolean poolExhausted(Throwable error) {
        SQLException sql = sqlException(error);
        return sql instanceof SQLTransientConnectionException && sql.getSQLState() == null && sql.getCause() == null
                && String.valueOf(sql.getMessage()).contains("request timed out");
    }

    /** @return the first SQLException in the cause chain, or {@code null} */
    static SQLException sqlException(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
