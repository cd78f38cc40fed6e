package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rs.builds.database.temp.TempDatabase;

/**
 * The queue's limits have one home, {@link QueueSettings}, and the schema's CHECKs on queue_settings (V13) agree with
 * it: each boundary value and its neighbours just outside are accepted or refused alike by {@link QueueSettings#check},
 * by {@link WriteHandle#queueConfigure} and by an UPDATE that bypasses the API.
 */
@ExtendWith(MetadataExtension.class)
class QueueSettingsSchemaTest {
    private static final Duration MS = Duration.ofMillis(1);
    private static final int ATTEMPTS = 3;
    private static final Duration LEASE = Duration.ofMinutes(15);
    private static final Duration BACKOFF = Duration.ofMinutes(10);

    @Test
    void maxAttempts(Metadata metadata, TempDatabase database) throws SQLException {
        for (int attempts : List.of(QueueSettings.MIN_ATTEMPTS - 1, QueueSettings.MIN_ATTEMPTS,
                QueueSettings.MAX_ATTEMPTS, QueueSettings.MAX_ATTEMPTS + 1, Integer.MIN_VALUE, Integer.MAX_VALUE)) {
            agree(metadata, database, attempts, LEASE, BACKOFF);
        }
    }

    @Test
    void lease(Metadata metadata, TempDatabase database) throws SQLException {
        for (Duration lease : List.of(QueueSettings.MIN_LEASE.minus(MS), QueueSettings.MIN_LEASE,
                QueueSettings.MAX_DURATION, QueueSettings.MAX_DURATION.plus(MS), Duration.ZERO, Duration.ofDays(-1))) {
            agree(metadata, database, ATTEMPTS, lease, BACKOFF);
        }
    }

    @Test
    void retryBackoff(Metadata metadata, TempDatabase database) throws SQLException {
        for (Duration backoff : List.of(MS.negated(), Duration.ZERO, QueueSettings.MAX_DURATION,
                QueueSettings.MAX_DURATION.plus(MS))) {
            agree(metadata, database, ATTEMPTS, LEASE, backoff);
        }
    }

    @Test
    void theBoundsAreWhatTheDocumentationSays() {
        assertEquals(List.of(1, 100, Duration.ofSeconds(1), Duration.ofDays(365)), List.of(QueueSettings.MIN_ATTEMPTS,
                QueueSettings.MAX_ATTEMPTS, QueueSettings.MIN_LEASE, QueueSettings.MAX_DURATION));
    }

    /** Asserts that Java, the API and the schema all accept the settings, or all refuse them (changing nothing). */
    private static void agree(Metadata metadata, TempDatabase database, int attempts, Duration lease,
                              Duration backoff) throws SQLException {
        String what = attempts + " attempts, lease " + lease + ", backoff " + backoff;
        boolean java = accepted(() -> QueueSettings.check(attempts, lease, backoff));
        boolean api = accepted(() -> metadata.useTransaction(write -> write.queueConfigure(attempts, lease, backoff)));
        assertEquals(java, api, "QueueSettings.check and queueConfigure on " + what);
        boolean schema;
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE queue_settings SET max_attempts = ?,"
                     + " lease = make_interval(secs => ? / 1000.0), retry_backoff = make_interval(secs => ? / 1000.0)")) {
            update.setInt(1, attempts);
            update.setLong(2, lease.toMillis());
            update.setLong(3, backoff.toMillis());
            try {
                update.executeUpdate();
                schema = true;
            } catch (SQLException e) {
                assertEquals("23514", e.getSQLState(), e.getMessage()); // check_violation, nothing else
                schema = false;
            }
        }
        assertEquals(java, schema, "QueueSettings.check and the schema's CHECKs on " + what);
        QueueSettings stored;
        try (ReadHandle read = metadata.read()) {
            stored = read.queueSettings();
        }
        // accepted: stored as given; refused by both: nothing changed (the defaults, which V2 set and each value
        // restores)
        assertEquals(java ? new QueueSettings(false, attempts, lease, backoff)
                : new QueueSettings(false, ATTEMPTS, LEASE, BACKOFF), stored, what);
        // back to the defaults for the next value
        metadata.useTransaction(write -> write.queueConfigure(ATTEMPTS, LEASE, BACKOFF));
    }

    private static boolean accepted(Runnable work) {
        try {
            work.run();
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }
}
