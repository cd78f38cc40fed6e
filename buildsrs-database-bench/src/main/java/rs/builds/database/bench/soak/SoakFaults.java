package rs.builds.database.bench.soak;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import rs.builds.database.bench.BenchSql;
import rs.builds.database.temp.TempDatabase;

/**
 * Faults, at random and on a schedule: {@code pg_terminate_backend} of a few random sessions of the soak's database
 * every few seconds (as the superuser), and the server stopped at once ({@code -m immediate}) and started again at
 * each of the scheduled times, staying down for the given time (one stop longer than the pools' connection timeout,
 * so that their timeouts fire).
 */
final class SoakFaults extends SoakActor {
    /**
     * A stop of the server.
     *
     * @param atMillis when (epoch milliseconds)
     * @param downMillis how long it stays down
     */
    record Stop(long atMillis, long downMillis) {
    }

    private final TempDatabase database;
    private final List<Stop> stops;
    private final List<String> log = new ArrayList<>();
    private final long start = System.currentTimeMillis();
    private int next;

    SoakFaults(TempDatabase database, List<Stop> stops, SoakStats stats, AtomicBoolean stopping, long seed) {
        super("faults", stats, stopping, seed);
        this.database = database;
        this.stops = stops;
    }

    @Override
    void step() throws InterruptedException {
        pause(2_000 + random.nextInt(4_000));
        if (stopping()) {
            return;
        }
        if (next < stops.size() && System.currentTimeMillis() >= stops.get(next).atMillis()) {
            restart(stops.get(next++));
            return;
        }
        terminate(1 + random.nextInt(3));
    }

    private void terminate(int count) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(BenchSql.load("soakTerminate"))) {
            statement.setString(1, database.name());
            statement.setInt(2, count);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    stats.count("fault: session terminated (" + rows.getString(1) + ")");
                }
            }
        } catch (SQLException e) {
            stats.error("fault: terminate sessions", e.getClass().getSimpleName());
        }
    }

    private void restart(Stop stop) throws InterruptedException {
        long at = System.currentTimeMillis();
        database.stopServer();
        stats.count("fault: server stopped (-m immediate)");
        Thread.sleep(stop.downMillis()); // whole, even when the run ends meanwhile: the step starts it again
        database.startServer();
        long back = System.currentTimeMillis();
        log.add(String.format("server stopped at %.0f s, back after %.1f s (%.1f s planned down, then crash recovery)",
                (at - start) / 1e3, (back - at) / 1e3, stop.downMillis() / 1e3));
    }

    /** @return what the scheduled stops did, one line each */
    List<String> log() {
        return log;
    }
}
