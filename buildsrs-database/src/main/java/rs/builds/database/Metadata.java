package rs.builds.database;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import rs.builds.database.internal.ConnectionPool;
import rs.builds.database.internal.Database;
import rs.builds.database.internal.Replica;
import rs.builds.database.internal.RetentionStore;

/**
 * Entry point to the buildsrs metadata database: opens {@link ReadHandle}s and {@link WriteHandle}s.
 * Thread-safe; share one instance per database.
 *
 * <pre>{@code
 * try (WriteHandle write = metadata.write()) {
 *     write.crateAdd("serde");
 *     write.commit();
 * }
 * }</pre>
 */
public final class Metadata implements AutoCloseable {
    /** How many times {@link #inTransaction} runs a unit of work that keeps conflicting. */
    public static final int TRANSACTION_ATTEMPTS = 5;

    private final Database database;
    /** Reads of {@link #readReplica()}, or {@code null} without a replica. */
    private final Replica replica;
    private final AutoCloseable owned;

    private Metadata(Database database, AutoCloseable owned) {
        this(database, null, owned);
    }

    private Metadata(Database database, Replica replica, AutoCloseable owned) {
        this.database = database;
        this.replica = replica;
        this.owned = owned;
    }

    /**
     * Connects with a pool of its own (HikariCP) that {@link #close()} closes, and a second pool on the replica if
     * the configuration names one ({@link ConnectionConfig#withReplica}). The database must be migrated
     * (see the {@code rs.builds.database.migrations} module).
     *
     * @param config where and how to connect
     * @return the metadata API over a started pool
     * @throws DatabaseUnavailableException "cannot connect to host:port (reason)" if the primary cannot be
     *         reached or refuses the login within the configured timeout; a replica that cannot be reached does not
     *         fail it (see {@link #readReplica()})
     * @throws NullPointerException if {@code config} is null
     */
    public static Metadata connect(ConnectionConfig config) {
        var pool = ConnectionPool.open(Objects.requireNonNull(config, "config"));
        Database database = Database.of(pool, config);
        if (config.replicaUrl() == null) {
            return new Metadata(database, pool);
        }
        Replica replica;
        try {
            replica = Replica.open(config, database);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Metadata(database, replica, () -> {
            try (pool) {
                replica.close();
            }
        });
    }

    /**
     * Uses a data source the caller owns (and closes). The database must be migrated
     * (see the {@code rs.builds.database.migrations} module).
     *
     * @param dataSource where connections come from; pooled, for anything but tests
     * @return the metadata API over it
     * @throws NullPointerException if {@code dataSource} is null
     */
    public static Metadata open(DataSource dataSource) {
        return new Metadata(Database.of(Objects.requireNonNull(dataSource, "dataSource")), null);
    }

    /**
     * Opens a read handle. Close it to return its connection.
     *
     * @return a handle holding one connection
     * @throws DatabaseUnavailableException if no connection can be had
     */
    public ReadHandle read() {
        return database.read();
    }

    /**
     * Opens a read handle on the streaming replica, for reads that may lag behind the primary: lists, searches,
     * status displays. Read what a caller just wrote with {@link #read()}, which reads the primary.
     *
     * <p>Without a replica (no {@link ConnectionConfig#withReplica replica URL}, or {@link #open}) it reads the
     * primary, exactly as {@link #read()}. While the replica cannot be reached it also reads the primary rather than
     * failing, and says so in the log (one warning when the replica goes, one message when it answers again): a
     * read waits at most one second (or the configured connection timeout, if shorter) for the replica's
     * connection, then for five seconds every read goes straight to the primary before one tries the replica
     * again; reads are back on the replica within about ten seconds of it answering again (its pool reconnects
     * with a backoff of up to five seconds). {@link #replicaStatus()} tells where reads go and how far
     * the replica lags. A replica lost while a handle is open fails that handle's next read with
     * {@link DatabaseUnavailableException}; the next {@code readReplica()} turns to the primary.
     *
     * @return a handle holding one connection, of the replica or of the primary
     * @throws DatabaseUnavailableException if no connection can be had from the replica nor the primary
     */
    public ReadHandle readReplica() {
        return replica == null ? database.read() : replica.read();
    }

    /**
     * Asks the replica, then the primary, how far the replica lags (see {@link ReplicaStatus}). The replica is asked
     * on a connection of its own, outside the pool, so the answer is about the replica now. A replica that does not
     * answer within a second is reported, not thrown: {@code reachable} is false and {@code problem} says why.
     *
     * @return the replica's status, or empty if this instance has no replica
     * @throws DatabaseUnavailableException if the primary cannot be reached
     * @throws DatabaseException if the primary cannot report its WAL position (it is itself in recovery)
     */
    public Optional<ReplicaStatus> replicaStatus() {
        return replica == null ? Optional.empty() : Optional.of(replica.status());
    }

    /**
     * Opens a write handle: one transaction at PostgreSQL's default isolation (read committed). Commit it, then
     * close it; closing without commit rolls back.
     *
     * @return a handle holding one connection with an open transaction
     * @throws DatabaseUnavailableException if no connection can be had
     */
    public WriteHandle write() {
        return database.write(Isolation.READ_COMMITTED);
    }

    /**
     * Opens a write handle at an isolation level.
     *
     * @param isolation the transaction's isolation level
     * @return a handle holding one connection with an open transaction
     * @throws DatabaseUnavailableException if no connection can be had
     */
    public WriteHandle write(Isolation isolation) {
        return database.write(Objects.requireNonNull(isolation, "isolation"));
    }

    /**
     * Counts the handles and listeners of this instance that were opened and not yet closed. Each holds a pooled
     * connection, so a count that only grows is a leak: tests check it is back to zero after each test.
     *
     * @return how many are open now
     */
    public int openHandles() {
        return database.openHandles() + (replica == null ? 0 : replica.openHandles());
    }

    /**
     * Claims the next job for a builder in a transaction of its own, exactly as {@link WriteHandle#jobRequest}
     * does inside a caller's transaction. The cheapest way to claim: one round trip, no transaction to begin or
     * commit, so a backend handing out work should use this one.
     *
     * @param builder the builder asking for work
     * @return the claimed job, or empty when nothing is queued for the builder's targets or the queue is locked
     * @throws InvalidInputException if {@code builder} is null
     * @throws NotFoundException if no builder has this uuid
     * @throws ConflictException if the builder is disabled
     * @throws DatabaseUnavailableException if no connection can be had, or it was lost (then whether the claim was
     *         committed is unknown: if it was, the job expires after its lease and counts as a failed attempt)
     */
    public Optional<JobInfo> jobRequest(UUID builder) {
        return database.jobRequest(builder);
    }

    /**
     * Opens a listener for queue notifications, so an idle backend can wait for work instead of polling. With
     * {@link #connect} it holds a direct connection of its own, outside the pool, on the configuration's listen URL
     * (or its primary URL when no pooler or a session pooler is in front of it); with {@link #open} a connection of
     * the data source. It connects again by itself after losing its connection (see {@link QueueListener#await}).
     *
     * @return a listener holding one connection until closed
     * @throws InvalidInputException behind a transaction pooler ({@link Pooler#TRANSACTION}) without a listen URL
     *         ({@link ConnectionConfig#withListenUrl}): the pooler would drop the LISTEN
     * @throws DatabaseUnavailableException if no connection can be had
     */
    public QueueListener queueListener() {
        return database.queueListener();
    }

    /**
     * Runs a unit of work in a read-committed write transaction and commits it, running it again (up to
     * {@value #TRANSACTION_ATTEMPTS} times in all, after a short random pause) when a serialization failure or
     * deadlock rolls it back. See {@link #inTransaction(Isolation, TransactionWork)}.
     *
     * @param work what to do; may run more than once
     * @param <T> its result type
     * @return what the successful run returned
     */
    public <T> T inTransaction(TransactionWork<T> work) {
        return inTransaction(Isolation.READ_COMMITTED, work);
    }

    /**
     * Runs a unit of work in a write transaction and commits it (unless the work committed or rolled back
     * itself), running it again, up to {@value #TRANSACTION_ATTEMPTS} times in all and after a short random
     * pause, when a serialization failure or deadlock rolls it back. Any other error ends it at once.
     *
     * @param isolation the transaction's isolation level
     * @param work what to do; may run more than once, so it must not have effects outside the transaction
     * @param <T> its result type
     * @return what the successful run returned
     * @throws TransientConflictException if every attempt conflicted
     * @throws DatabaseException whatever else the work or the commit threw; nothing was committed, except that
     *         after a {@link DatabaseUnavailableException} from the commit itself the outcome is unknown
     * @throws IllegalStateException if an operation failed, which rolls the transaction back, and the work caught
     *         the exception and returned normally: nothing was committed
     */
    public <T> T inTransaction(Isolation isolation, TransactionWork<T> work) {
        Objects.requireNonNull(work, "work");
        return database.inTransaction(Objects.requireNonNull(isolation, "isolation"), work::run);
    }

    /**
     * {@link #inTransaction(TransactionWork)} for work without a result: runs it in a read-committed write
     * transaction and commits it, running it again when a serialization failure or deadlock rolls it back.
     *
     * <pre>{@code
     * metadata.useTransaction(write -> write.crateAdd("serde"));
     * }</pre>
     *
     * @param work what to do; may run more than once, so it must not have effects outside the transaction
     * @throws TransientConflictException if every attempt conflicted
     * @throws DatabaseException whatever else the work or the commit threw (see {@link #inTransaction(Isolation,
     *         TransactionWork)})
     * @throws IllegalStateException if an operation failed and the work caught the exception: nothing was committed
     */
    public void useTransaction(Consumer<WriteHandle> work) {
        useTransaction(Isolation.READ_COMMITTED, work);
    }

    /**
     * {@link #inTransaction(Isolation, TransactionWork)} for work without a result.
     *
     * @param isolation the transaction's isolation level
     * @param work what to do; may run more than once, so it must not have effects outside the transaction
     * @throws TransientConflictException if every attempt conflicted
     * @throws DatabaseException whatever else the work or the commit threw (see {@link #inTransaction(Isolation,
     *         TransactionWork)})
     * @throws IllegalStateException if an operation failed and the work caught the exception: nothing was committed
     */
    public void useTransaction(Isolation isolation, Consumer<WriteHandle> work) {
        Objects.requireNonNull(work, "work");
        inTransaction(isolation, write -> {
            work.accept(write);
            return null;
        });
    }

    /**
     * {@link WriteHandle#jobsPrune} in batches of a few hundred jobs, each committed in a transaction of its own, so
     * a prune of millions of lines holds no lock and no snapshot for long (claims, appends and download counts never
     * wait on it: it touches only finished jobs). Stopped half-way, it has removed a part; run it again to go on.
     *
     * @param finishedBefore jobs that finished before this instant qualify; not in the future
     * @param logsOnly delete only the logs of qualifying jobs, keeping the jobs
     * @return what was removed, summed over the batches
     * @throws InvalidInputException if {@code finishedBefore} is null or in the future; nothing is removed
     * @throws DatabaseException if a batch fails; the batches before it stay committed
     */
    public JobsPruned jobsPrune(Instant finishedBefore, boolean logsOnly) {
        return RetentionStore.jobsInTransactions(database, finishedBefore, logsOnly);
    }

    /**
     * {@link WriteHandle#downloadsPrune} in batches of 10,000 rows, each committed in a transaction of its own.
     *
     * @param before daily rows of earlier days (UTC) go; today at the latest
     * @return how many daily rows were removed
     * @throws InvalidInputException if {@code before} is null or after today (UTC); nothing is removed
     * @throws DatabaseException if a batch fails; the batches before it stay committed
     */
    public long downloadsPrune(LocalDate before) {
        return RetentionStore.downloadsInTransactions(database, before);
    }

    /**
     * Closes the pools this instance opened in {@link #connect} (the primary's and the replica's); a data source given to {@link #open} stays
     * open. Handles still open fail afterwards. Closing twice does nothing.
     */
    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new DatabaseException("closing the connection pool failed: " + e.getMessage(), e);
            }
        }
    }
}
