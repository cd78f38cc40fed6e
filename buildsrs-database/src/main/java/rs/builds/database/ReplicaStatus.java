package rs.builds.database;

import java.time.Duration;
import java.util.Objects;

/**
 * How a streaming replica is doing, from {@link Metadata#replicaStatus()}: whether it answers and how far it lags.
 *
 * <p>The byte lag is precise and always known for a reachable standby: the primary's WAL insert position
 * ({@code pg_current_wal_insert_lsn()}, read after the replica's) minus what the replica has replayed
 * ({@code pg_last_wal_replay_lsn()}). It also shows a replica that lost its connection to the primary, which
 * receives nothing and so looks caught up by time. The time lag is 0 when the replica has replayed all it received,
 * else the age of the last transaction it replayed ({@code now() - pg_last_xact_replay_timestamp()}): an upper bound
 * that, after a quiet spell on the primary, includes the quiet.
 *
 * @param replica {@code host:port} of the replica, never a password
 * @param reachable whether it accepted a connection just now; {@link Metadata#readReplica()} reads the primary
 *        while it does not, and the replica again within about ten seconds of it answering
 * @param lagBytes WAL bytes written on the primary and not yet replayed on the replica (0 when caught up), or
 *        {@code null} if unknown (unreachable, or not a standby)
 * @param lag how far replay is behind in time (see above), or {@code null} if unknown (unreachable, not a standby,
 *        or nothing received since the replica started)
 * @param problem why the replica cannot serve reads (unreachable, or not in recovery, so not a replica), or
 *        {@code null} if it can
 */
public record ReplicaStatus(String replica, boolean reachable, Long lagBytes, Duration lag, String problem) {
    /**
     * Checks the replica is named.
     *
     * @param replica {@code host:port} of the replica
     * @param reachable whether it accepted a connection just now
     * @param lagBytes WAL bytes not yet replayed, or {@code null} if unknown
     * @param lag how far replay is behind in time, or {@code null} if unknown
     * @param problem why the replica cannot serve reads, or {@code null} if it can
     * @throws NullPointerException if {@code replica} is {@code null}
     */
    public ReplicaStatus {
        Objects.requireNonNull(replica, "replica");
    }
}
