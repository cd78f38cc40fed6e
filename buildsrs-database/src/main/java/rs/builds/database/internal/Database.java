package rs.builds.database.internal;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.jdbi.v3.sqlobject.SqlObjects;
import java.util.concurrent.ThreadLocalRandom;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.DatabaseException;
import rs.builds.database.InvalidInputException;
import rs.builds.database.Isolation;
import rs.builds.database.JobInfo;
import rs.builds.database.Metadata;
import rs.builds.database.Pooler;
import rs.builds.database.QueueListener;
import rs.builds.database.ReadHandle;
import rs.builds.database.TransientConflictException;

/** Opens handles over a data source; the implementation behind {@code Metadata}. Thread-safe. */
public final class Database {
    private final Jdbi jdbi;
    private final Pooler pooler;
    /** Opens the queue listeners' connections, or {@code null} if the configuration gives nowhere to listen. */
    private final Jdbi listenerJdbi;
    private final String listenerWhere;
    /** Handles and listeners opened and not yet closed, for leak checks. */
    private final AtomicInteger open = new AtomicInteger();

    private Database(Jdbi jdbi, Pooler pooler, ListenerConnections listener) {
        this.jdbi = jdbi;
        this.pooler = pooler;
        this.listenerJdbi = listener == null ? null : configured(Jdbi.create(listener));
        this.listenerWhere = listener == null ? null : listener.describe();
    }

    /**
     * @param dataSource where connections come from, listeners' too; a direct connection to the server
     * @return a database opening handles on that data source
     */
    public static Database of(DataSource dataSource) {
        return new Database(configured(Jdbi.create(dataSource)), Pooler.NONE, ListenerConnections.of(dataSource));
    }

    /**
     * @param pool the pool on the configuration's primary URL
     * @param config the configuration: its pooler mode, and where listeners connect
     * @return a database opening handles on the pool
     */
    public static Database of(DataSource pool, ConnectionConfig config) {
        return new Database(configured(Jdbi.create(pool)), config.pooler(), ListenerConnections.of(config));
    }

    /**
     * @param connections where connections come from, unpooled (each handle opens one and closes it); no queue
     *        listener
     * @return a database opening handles on those connections
     */
    static Database of(ConnectionFactory connections) {
        return new Database(configured(Jdbi.create(connections)), Pooler.NONE, null);
    }

    private static Jdbi configured(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.getConfig(SqlObjects.class).setSqlLocator(new SqlFileLocator());
        // SQL files are plain SQL with :named parameters; no templating that could mistake '<' for a tag
        jdbi.setTemplateEngine(TemplateEngine.NOP);
        // batches travel as one array parameter each (log lines, download counts)
        jdbi.registerArrayType(String.class, "text");
        jdbi.registerArrayType(Long.class, "bigint");
        return jdbi;
    }

    /** @return a new read handle holding one connection */
    public ReadHandle read() {
        return opened(new JdbiReadHandle(open(), open));
    }

    /**
     * @param isolation the transaction's isolation level
     * @return a new write handle holding one connection with an open transaction
     */
    public JdbiWriteHandle write(Isolation isolation) {
        var handle = open();
        try {
            // behind a transaction pooler the server session may have a default level another client set
            return opened(new JdbiWriteHandle(handle, isolation, pooler == Pooler.TRANSACTION, open));
        } catch (JdbiException e) {
            handle.close();
            throw Errors.translate("starting a transaction", e);
        }
    }

    /**
     * Claims a job on a connection in autocommit mode: the claim function is one atomic statement.
     *
     * @param builder the builder asking for work
     * @return the claimed job, if any
     */
    public Optional<JobInfo> jobRequest(UUID builder) {
        Inputs.uuid(builder); // before a connection is taken
        try (var handle = open()) {
            return new JobStore(handle).request(builder);
        } catch (JdbiException e) {
            throw Errors.translate("claiming a job for builder " + builder, e);
        }
    }

    /**
     * Runs a unit of work in a write transaction and commits it unless the work ended it, running it again (up to
     * {@link Metadata#TRANSACTION_ATTEMPTS} times in all, after a short random pause) when a serialization failure
     * or deadlock rolls it back: {@link Metadata#inTransaction(Isolation, rs.builds.database.TransactionWork)}.
     *
     * @param isolation the transaction's isolation level
     * @param work what to do; may run more than once
     * @param <T> its result type
     * @return what the successful run returned
     */
    public <T> T inTransaction(Isolation isolation, Function<JdbiWriteHandle, T> work) {
        for (int attempt = 1; ; attempt++) {
            try (JdbiWriteHandle write = write(isolation)) {
                T result = work.apply(write);
                write.commitIfOpen();
                return result;
            } catch (TransientConflictException e) {
                if (attempt >= Metadata.TRANSACTION_ATTEMPTS) {
                    throw new TransientConflictException(e.entity(), e.key(), "gave up after " + attempt + " attempts: "
                            + e.getMessage(), e);
                }
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        // random, growing pauses keep the conflicting transactions from meeting again in lockstep
        long millis = ThreadLocalRandom.current().nextLong(1, 5L << attempt);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while waiting to retry a transaction", e);
        }
    }

    /**
     * @return a listener holding one connection that listens on the queue channel
     * @throws InvalidInputException behind a transaction pooler without a listen URL
     */
    public QueueListener queueListener() {
        if (listenerJdbi == null) {
            throw ListenerConnections.nowhereToListen();
        }
        return opened(new PgQueueListener(listenerJdbi, listenerWhere, open));
    }

    /**
     * Runs work on a connection of its own, for the few operations that are no handle's (a replica's status).
     *
     * @param operation what is being done, for error messages
     * @param work what to run
     * @param <T> its result type
     * @return what the work returned
     */
    <T> T onConnection(String operation, Function<org.jdbi.v3.core.Handle, T> work) {
        try (var handle = open()) {
            return work.apply(handle);
        } catch (JdbiException e) {
            throw Errors.translate(operation, e);
        }
    }

    /** @return how many handles and listeners are open: one that only grows is a leak */
    public int openHandles() {
        return open.get();
    }

    private <T> T opened(T handle) {
        open.incrementAndGet();
        return handle;
    }

    private org.jdbi.v3.core.Handle open() {
        try {
            return jdbi.open();
        } catch (JdbiException e) {
            throw Errors.translate("opening a connection", e);
        }
    }
}
