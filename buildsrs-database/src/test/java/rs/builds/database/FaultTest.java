package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.migrations.Migrations;
import rs.builds.database.temp.TempDatabase;

/** What callers see when the connection, the pool or the server fails, and that it recovers. */
@ExtendWith(MetadataExtension.class)
class FaultTest {
    @Test
    void connectionKilledMidTransactionRollsBackAndThePoolRecovers(Metadata metadata, TempDatabase database)
            throws Exception {
        try (WriteHandle write = metadata.write()) {
            write.crateAdd("lost");
            try (Connection other = database.dataSource().getConnection()) {
                other.createStatement().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND state = 'idle in transaction'");
            }
            DatabaseUnavailableException error = assertThrows(DatabaseUnavailableException.class, write::commit);
            assertTrue(error.getMessage().startsWith("cannot reach the database while committing"), error.getMessage());
        }
        metadata.useTransaction(write -> {
            write.crateAdd("kept");
        });
        try (ReadHandle read = metadata.read()) {
            assertEquals(List.of("kept"), read.crateList("").stream().map(CrateInfo::name).toList(),
                    "the killed transaction left nothing");
        }
    }

    @Test
    void exhaustedPoolFailsAfterTheTimeoutWithAClearMessage(TempDatabase database) {
        try (Metadata small = Metadata.connect(ConnectionConfig.of(database.jdbcUrl())
                .withCredentials(database.user(), database.password()).withMaxConnections(2)
                .withConnectTimeout(Duration.ofMillis(300)))) {
            ReadHandle first = small.read();
            ReadHandle second = small.read();
            DatabaseUnavailableException error = assertThrows(DatabaseUnavailableException.class, small::read);
            assertTrue(error.getMessage().contains("every connection of the pool is in use"), error.getMessage());
            first.close();
            try (ReadHandle third = small.read()) {
                assertEquals(List.of(), third.targetList(), "a returned connection serves the next caller");
            }
            second.close();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aServerGoneIsReportedAsUnreachableNotAsABusyPool(@TempDir Path data) throws Exception {
        EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(data).start();
        try (Metadata metadata = Metadata.connect(ConnectionConfig.of(server.getJdbcUrl("postgres", "postgres"))
                .withMaxConnections(1).withConnectTimeout(Duration.ofSeconds(1)))) {
            server.close();
            // the pool checks an idle connection before lending it (after 0.5 s), drops the dead one and times out
            // making new ones: HikariCP then says "request timed out", as for a pool with every connection in use
            Thread.sleep(1000);
            DatabaseUnavailableException down = assertThrows(DatabaseUnavailableException.class, metadata::read);
            assertTrue(down.getMessage().startsWith("cannot reach the database while"), down.getMessage());
            assertTrue(down.getMessage().contains("refused"), down.getMessage());
        } finally {
            server.close();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES) // a call while the server is down must fail, not hang
    void serverStoppedFailsFastAndMetadataRecoversWhenItIsBack(@TempDir Path data) throws Exception {
        EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .start();
        int port = server.getPort();
        Migrations.of(server.getPostgresDatabase()).migrate();
        try (Metadata metadata = Metadata.connect(ConnectionConfig.of(server.getJdbcUrl("postgres", "postgres"))
                .withMaxConnections(2).withConnectTimeout(Duration.ofSeconds(1)))) {
            metadata.useTransaction(write -> {
                write.crateAdd("before");
            });
            server.close();
            DatabaseUnavailableException down = assertThrows(DatabaseUnavailableException.class, () -> {
                try (ReadHandle read = metadata.read()) {
                    read.crateInfo("before");
                }
            });
            // not "every connection of the pool is in use", which would send an operator looking for a leak
            assertTrue(down.getMessage().startsWith("cannot reach the database while"), down.getMessage());
            server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                    .start();
            CrateInfo after = null;
            for (int attempt = 0; attempt < 20 && after == null; attempt++) {
                try (ReadHandle read = metadata.read()) {
                    after = read.crateInfo("before");
                } catch (DatabaseUnavailableException stillBroken) {
                    // each connection broken by the restart fails once, then the pool replaces it
                    Thread.sleep(100);
                }
            }
            assertEquals(new CrateInfo("before", true, 0), after, "the same Metadata works again");
        } finally {
            server.close();
        }
    }
}
