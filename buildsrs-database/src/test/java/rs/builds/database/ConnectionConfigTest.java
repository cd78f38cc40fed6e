package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** A URL the driver cannot parse is refused up front: no raw pool error later, no password in the driver's log. */
class ConnectionConfigTest {
    private static final String PASSWORD = "hunter2xyz";

    @Test
    void aUrlTheDriverCannotParseIsInvalidInputAndNotLogged() {
        Logger driver = Logger.getLogger("org.postgresql");
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + " " + List.of(record.getParameters() == null ? new Object[0]
                        : record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        driver.addHandler(capture);
        try {
            for (String url : List.of("jdbc:postgresql://db:54x2/buildsrs?password=" + PASSWORD,
                    "jdbc:postgresql://db:5432?user=admin&password=" + PASSWORD)) {
                InvalidInputException error = assertThrows(InvalidInputException.class, () -> ConnectionConfig.of(url));
                assertTrue(error.getMessage().startsWith("malformed database URL"), error.getMessage());
                assertFalse(error.getMessage().contains(PASSWORD), error.getMessage());
            }
        } finally {
            driver.removeHandler(capture);
        }
        assertEquals(List.of(), logged.stream().filter(line -> line.contains(PASSWORD)).toList());
        assertEquals("jdbc:postgresql://db:5432/buildsrs", ConnectionConfig.of("jdbc:postgresql://db:5432/buildsrs")
                .jdbcUrl());
    }

    @Test
    void poolerListenAndReplicaAreCheckedAndMasked() {
        ConnectionConfig base = ConnectionConfig.of("jdbc:postgresql://bouncer:6432/buildsrs");
        assertEquals(Pooler.NONE, base.pooler());
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> base.withPooler(null));
        assertTrue(none.getMessage().contains("Pooler.NONE"), none.getMessage());
        for (String bad : List.of("postgres://h/db", "jdbc:postgresql://h:54x2/db?password=" + PASSWORD)) {
            InvalidInputException listen = assertThrows(InvalidInputException.class, () -> base.withListenUrl(bad));
            assertTrue(listen.getMessage().contains("listen URL"), listen.getMessage());
            assertFalse(listen.getMessage().contains(PASSWORD), listen.getMessage());
            InvalidInputException replica = assertThrows(InvalidInputException.class, () -> base.withReplica(bad));
            assertTrue(replica.getMessage().contains("replica URL"), replica.getMessage());
            assertFalse(replica.getMessage().contains(PASSWORD), replica.getMessage());
        }
        ConnectionConfig full = base.withPooler(Pooler.TRANSACTION)
                .withListenUrl("jdbc:postgresql://db:5432/buildsrs?password=" + PASSWORD)
                .withReplica("jdbc:postgresql://replica:5432/buildsrs?user=r&password=" + PASSWORD)
                .withCredentials("backend", PASSWORD).withMaxConnections(4);
        assertEquals(Pooler.TRANSACTION, full.pooler(), "kept through every with…");
        assertTrue(full.replicaUrl().startsWith("jdbc:postgresql://replica"));
        assertFalse(full.toString().contains(PASSWORD), full.toString());
        assertTrue(full.toString().contains("pooler=transaction"), full.toString());
        InvalidInputException prepared = assertThrows(InvalidInputException.class,
                () -> ConnectionConfig.of("jdbc:postgresql://b/db?prepareThreshold=3").withPooler(Pooler.TRANSACTION));
        assertTrue(prepared.getMessage().contains("remove prepareThreshold"), prepared.getMessage());
        assertEquals(Pooler.TRANSACTION, ConnectionConfig.of("jdbc:postgresql://b/db?prepareThreshold=0")
                .withPooler(Pooler.TRANSACTION).pooler());
        assertEquals(Pooler.SESSION, ConnectionConfig.of("jdbc:postgresql://b/db?prepareThreshold=3")
                .withPooler(Pooler.SESSION).pooler(), "a session pooler keeps prepared statements");
    }

    @Test
    void poolerWordsAreParsedAndOthersNamed() {
        assertEquals(Pooler.TRANSACTION, Pooler.parse(" Transaction "));
        assertEquals("session", Pooler.SESSION.word());
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> Pooler.parse("x".repeat(100)));
        assertTrue(error.getMessage().contains("(100 characters)") && error.getMessage().length() < 200,
                error.getMessage());
    }
}
