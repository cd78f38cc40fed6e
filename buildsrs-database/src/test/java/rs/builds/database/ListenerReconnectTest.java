package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rs.builds.database.QueueFixture.LINUX;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.migrations.Migrations;
import rs.builds.database.temp.TempDatabase;

/** The queue listener's own connection, lost and found again. */
@Tag("contract")
@ExtendWith(MetadataExtension.class)
class ListenerReconnectTest {
    @Test
    void aTerminatedListenerConnectsAgainAndWakesItsWaiter(Metadata metadata, TempDatabase database)
            throws Exception {
        QueueFixture.targets(metadata, LINUX);
        try (QueueListener listener = metadata.queueListener()) {
            assertFalse(listener.await(Duration.ofMillis(50)));
            int terminated;
            try (Connection admin = database.dataSource().getConnection();
                 ResultSet rows = admin.createStatement().executeQuery("SELECT count(pg_terminate_backend(pid))"
                         + " FROM pg_stat_activity WHERE datname = current_database()"
                         + " AND application_name = 'buildsrs-database queue listener'")) {
                rows.next();
                terminated = rows.getInt(1);
            }
            assertEquals(1, terminated, "the listener has a connection of its own, outside the pool");
            assertTrue(listener.await(Duration.ofSeconds(10)), "woken: notifications may have been missed");
            assertFalse(listener.await(Duration.ofMillis(50)), "listening again, nothing new");
            QueueFixture.versions(metadata, 1, 1);
            assertTrue(listener.await(Duration.ofSeconds(10)), "notified on the new connection");
        }
        assertEquals(0, metadata.openHandles());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aListenerOutlivesAServerRestart(@TempDir Path data) throws Exception {
        EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .start();
        int port = server.getPort();
        Migrations.of(server.getPostgresDatabase()).migrate();
        try (Metadata metadata = Metadata.connect(ConnectionConfig.of(server.getJdbcUrl("postgres", "postgres"))
                .withMaxConnections(2).withConnectTimeout(Duration.ofSeconds(1)));
             QueueListener listener = metadata.queueListener()) {
            QueueFixture.targets(metadata, LINUX);
            assertFalse(listener.await(Duration.ofMillis(50)), "no work yet");
            server.close();
            DatabaseUnavailableException down = assertThrows(DatabaseUnavailableException.class,
                    () -> listener.await(Duration.ofMillis(500)));
            assertTrue(down.getMessage().contains("cannot connect again"), down.getMessage());
            server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                    .start();
            assertTrue(listener.await(Duration.ofSeconds(30)), "listening again after the restart");
            assertFalse(listener.await(Duration.ofMillis(50)));
            for (int attempt = 0; ; attempt++) {
                try { // each pooled connection broken by the restart fails once
                    QueueFixture.versions(metadata, 1, 1);
                    break;
                } catch (DatabaseUnavailableException stale) {
                    if (attempt > 5) {
                        throw stale;
                    }
                }
            }
            assertTrue(listener.await(Duration.ofSeconds(10)), "notified after the restart");
        } finally {
            server.close();
        }
    }
}
