package rs.builds.database.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.DatabaseUnavailableException;
import rs.builds.database.ReadHandle;
import rs.builds.database.ReplicaStatus;

/**
 * Reads on a streaming replica, falling back to the primary while the replica cannot be reached.
 *
 * <p>The replica's pool starts without it (so {@code Metadata.connect} never fails because the replica is down) and
 * waits at most {@link #TIMEOUT} for a connection. A read that gets none goes to the primary and opens a circuit:
 * for {@link #RECHECK} every read goes straight to the primary, then one read tries the replica again (the others
 * keep going to the primary meanwhile). After an outage the pool itself takes up to five seconds to connect again
 * (HikariCP's backoff), so reads are back on the replica within about ten seconds of it answering. Going down and
 * coming back are logged once each (System.Logger, so java.util.logging unless the application routes it
 * elsewhere). Thread-safe.
 */
public final class Replica implements AutoCloseable {
    /** How long a read waits for a connection of the replica before it turns to the primary. */
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** How long reads go straight to the primary after the replica failed, before it is tried again. */
    private static final Duration RECHECK = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(Replica.class.getName());
    /** {@link System#nanoTime()} before which reads skip the replica; {@link #UP} while it answers. */
    private static final long UP = Long.MIN_VALUE;

    private final HikariDataSource pool;
    private final Database replica;
    /** Direct connections to the replica, for its status: they say whether it answers now, pool or no pool. */
    private final Database probe;
    private final Database primary;
    private final String where;
    private final AtomicLong skipUntil = new AtomicLong(UP);

    private Replica(HikariDataSource pool, Database probe, Database primary, String where) {
        this.pool = pool;
        this.replica = Database.of(pool);
        this.probe = probe;
        this.primary = primary;
        this.where = where;
    }

    /**
     * Opens the replica's pool, whether or not the replica answers now.
     *
     * @param config a configuration with a replica URL
     * @param primary where reads go while the replica cannot be reached
     * @return the replica's reads
     */
    public static Replica open(ConnectionConfig config, Database primary) {
        Duration timeout = config.connectTimeout().compareTo(TIMEOUT) < 0 ? config.connectTimeout() : TIMEOUT;
        return new Replica(ConnectionPool.openReplica(config, timeout), probe(config), primary,
                ConnectionPool.hostAndPort(config.replicaUrl()));
    }

    private static Database probe(ConnectionConfig config) {
        Properties settings = new Properties();
        settings.setProperty("connectTimeout", "1");
        settings.setProperty("loginTimeout", "1");
        settings.setProperty("ApplicationName", "buildsrs-database replica status");
        return Database.of(ConnectionPool.direct(config.replicaUrl(), config, config.pooler(), settings));
    }

    /** @return a read handle on the replica, or on the primary while the replica cannot be reached */
    public ReadHandle read() {
        long skip = skipUntil.get();
        // while the circuit is open, only the one read that moves the recheck time on tries the replica
        if (skip != UP && (System.nanoTime() - skip < 0
                || !skipUntil.compareAndSet(skip, System.nanoTime() + RECHECK.toNanos()))) {
            return primary.read();
        }
        ReadHandle handle;
        try {
            handle = replica.read();
        } catch (DatabaseUnavailableException e) {
            failed(e);
            return primary.read();
        }
        // HikariCP lends a connection used in the last half second unchecked, so one the replica's shutdown just
        // ended would fail the caller's first read: check it here, where the read can still go to the primary
        if (!((JdbiReadHandle) handle).connectionAlive()) {
            handle.close();
            failed(new DatabaseUnavailableException("its connection was closed by the server", null));
            return primary.read();
        }
        answered();
        return handle;
    }

    /**
     * Asks the replica on a connection of its own, not the pool's, so the answer is about the replica now (the pool
     * may still be waiting to connect again after an outage). Leaves the circuit alone: reads find out for
     * themselves.
     *
     * @return where the replica is and how far it lags; never throws because the replica is down
     */
    public ReplicaStatus status() {
        ReplicaDao.ReplayPosition position;
        try {
            position = probe.onConnection("reading the replica's replay position",
                    handle -> handle.attach(ReplicaDao.class).replayPosition());
        } catch (DatabaseUnavailableException e) {
            return new ReplicaStatus(where, false, null, null, e.getMessage());
        }
        if (!position.standby()) {
            return new ReplicaStatus(where, true, null, null, "the server at " + where + " is not in recovery, so"
                    + " not a replica (a primary, or a promoted replica): reads from it see its own data only");
        }
        long bytes = primary.onConnection("reading the primary's WAL position",
                handle -> handle.attach(ReplicaDao.class).lagBytes(position.replayLsn()));
        return new ReplicaStatus(where, true, bytes,
                position.lagMillis() == null ? null : Duration.ofMillis(position.lagMillis()), null);
    }

    /** @return how many handles on the replica are open */
    public int openHandles() {
        return replica.openHandles();
    }

    private void failed(DatabaseUnavailableException error) {
        if (Errors.poolExhausted(error)) {
            // the replica answers, it is just busy: this read goes to the primary, the next tries the replica
            LOG.log(Level.DEBUG, () -> "every connection to the replica " + where + " stayed in use for "
                    + TIMEOUT.toMillis() + " ms; one read went to the primary");
            return;
        }
        long previous = skipUntil.getAndSet(System.nanoTime() + RECHECK.toNanos());
        if (previous == UP) {
            LOG.log(Level.WARNING, () -> "the read replica " + where + " cannot be reached (" + error.getMessage()
                    + "); reading from the primary instead, and trying the replica again every "
                    + RECHECK.toSeconds() + " s");
        }
    }

    private void answered() {
        if (skipUntil.getAndSet(UP) != UP) {
            LOG.log(Level.INFO, () -> "the read replica " + where + " answers again; reading from it");
        }
    }

    /** Closes the replica's pool. */
    @Override
    public void close() {
        pool.close();
    }
}
