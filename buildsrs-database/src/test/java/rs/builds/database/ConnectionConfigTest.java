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
}
