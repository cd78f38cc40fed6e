package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempPgBouncer;

/**
 * The server stopped at once ({@code pg_ctl stop -m immediate}) under an open transaction, with the client direct and
 * behind a real PgBouncer in transaction mode: the commit fails as "cannot reach the database", says that its outcome
 * is unknown, and never blames the pooler settings (PgBouncer reports a crashed server with SQLSTATE 08P01, which the
 * server itself uses for a session out of step with the driver).
 */
@ExtendWith(MetadataExtension.class)
class ServerOutageTest {
    private static void assertLostCommit(Metadata client, TempDatabase database, String crate) {
        WriteHandle write = client.write();
        write.crateAdd(crate);
        database.stopServer();
        try {
            DatabaseUnavailableException lost = assertThrows(DatabaseUnavailableException.class, write::commit);
            assertTrue(lost.getMessage().startsWith("cannot reach the database while committing: "),
                    lost.getMessage());
            assertTrue(lost.getMessage().endsWith("The connection went during the commit, so whether the transaction"
                    + " was committed is unknown: check what it wrote before running it again"), lost.getMessage());
            assertFalse(lost.getMessage().contains("out of step"), lost.getMessage());
            assertThrows(IllegalStateException.class, () -> write.crateAdd(crate + "-again"), "the handle is done");
        } finally {
            database.startServer();
            write.close();
        }
    }

    private static boolean stored(TempDatabase database, String crate) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM crates WHERE name = '" + crate + "'")) {
            rows.next();
            return rows.getInt(1) == 1;
        }
    }

    @Test
    void aCommitCutByTheServerStoppingIsOfUnknownOutcome(Metadata metadata, TempDatabase database) throws Exception {
        assertLostCommit(metadata, database, "cut-direct");
        assertFalse(stored(database, "cut-direct"), "the server never saw the COMMIT");
    }

    @Test
    void behindThePoolerACrashedServerIsUnreachableNotOutOfStep(TempDatabase database) throws Exception {
        try (TempPgBouncer bouncer = TempPgBouncer.start(database, "transaction", 2);
             Metadata pooled = Metadata.connect(ConnectionConfig.of(bouncer.jdbcUrl())
                     .withCredentials(database.user(), database.password()).withMaxConnections(2)
                     .withPooler(Pooler.TRANSACTION).withListenUrl(database.jdbcUrl()))) {
            assertLostCommit(pooled, database, "cut-pooled");
        }
        assertFalse(stored(database, "cut-pooled"), "the server never saw the COMMIT");
    }
}
