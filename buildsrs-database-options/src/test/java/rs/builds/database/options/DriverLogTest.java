package rs.builds.database.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rs.builds.database.InvalidInputException;

/** The driver logs a URL it cannot parse, whole; ours must not reach its log (which goes to stderr by default). */
class DriverLogTest {
    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://db:5432?user=admin&password=" + HostileUrlTest.PASSWORD,
            "jdbc:postgresql://db:5432?password=" + HostileUrlTest.PASSWORD + "/buildsrs"})
    void aMalformedJdbcUrlIsNotLogged(String url) {
        Logger driver = Logger.getLogger("org.postgresql");
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getLevel() + " " + record.getMessage() + " " + List.of(
                        record.getParameters() == null ? new Object[0] : record.getParameters()));
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
            assertThrows(InvalidInputException.class, () -> PostgresUrl.parse(url));
        } finally {
            driver.removeHandler(capture);
        }
        assertEquals(List.of(), logged.stream().filter(line -> line.contains(HostileUrlTest.PASSWORD)).toList());
    }
}
