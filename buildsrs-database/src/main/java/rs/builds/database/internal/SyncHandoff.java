package rs.builds.database.internal;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import rs.builds.database.DatabaseException;

/**
 * Reads a sync's input on the calling thread and hands it, in batches, to a consumer on a second thread, which
 * checks, digests and sends it. With a core to spare that work then costs no time beyond reading the input: a resync
 * of an unchanged index sends almost nothing, and reading the rows is most of what it does. Only the calling thread
 * touches the iterator (which need not be thread-safe), only the second one the consumer (and through it the
 * connection) until it ends; at most {@value #QUEUED} batches of {@value #BATCH} rows wait between them.
 */
final class SyncHandoff {
    /** Rows handed over at once. */
    static final int BATCH = 1024;
    /** Batches that may wait for the consumer. */
    static final int QUEUED = 16;

    /** What runs on the second thread. */
    interface Consumer<T> {
        /** Takes the next item. */
        void accept(T item) throws SQLException;

        /** Called after the last item, unless the input failed. */
        void finish() throws SQLException;
    }

    private static final Object[] END = new Object[0];
    private static final Object[] STOP = new Object[0];

    private SyncHandoff() {
    }

    /**
     * Feeds every item to the consumer, then finishes it; returns when it is done.
     *
     * @throws SQLException what the consumer threw, if it was that
     * @throws RuntimeException what the iterator or the consumer threw (the consumer is stopped, the iterator no
     *         longer read)
     */
    static <T> void run(Iterator<T> items, Consumer<T> consumer) throws SQLException {
        BlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(QUEUED);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> consume(queue, consumer, failure), "buildsrs-sync-send");
        worker.setDaemon(true);
        worker.start();
        boolean handedAll = false;
        try {
            Object[] batch = new Object[BATCH];
            int n = 0;
            while (failure.get() == null && items.hasNext()) {
                batch[n++] = items.next();
                if (n == BATCH) {
                    put(queue, batch, failure);
                    batch = new Object[BATCH];
                    n = 0;
                }
            }
            if (n > 0) {
                put(queue, Arrays.copyOf(batch, n), failure);
            }
            put(queue, END, failure);
            handedAll = true;
        } finally {
            if (!handedAll) {
                // the iterator failed (or this thread was interrupted): the consumer stops at its next batch
                queue.clear();
                queue.offer(STOP);
            }
            joinUninterruptibly(worker);
        }
        Throwable error = failure.get();
        if (error instanceof SQLException e) {
            throw e;
        } else if (error instanceof RuntimeException e) {
            throw e;
        } else if (error instanceof Error e) {
            throw e;
        } else if (error != null) {
            throw new DatabaseException("streaming the sync input failed: " + error, error);
        }
    }

    /**
     * Feeds every item to the consumer and finishes it on the calling thread: for a few items already in memory,
     * which a second thread would only delay.
     *
     * @throws SQLException what the consumer threw
     */
    static <T> void runHere(Iterator<T> items, Consumer<T> consumer) throws SQLException {
        while (items.hasNext()) {
            consumer.accept(items.next());
        }
        consumer.finish();
    }

    @SuppressWarnings("unchecked")
    private static <T> void consume(BlockingQueue<Object[]> queue, Consumer<T> consumer,
                                    AtomicReference<Throwable> failure) {
        try {
            for (Object[] batch = queue.take(); batch != END; batch = queue.take()) {
                if (batch == STOP) {
                    return;
                }
                for (Object item : batch) {
                    consumer.accept((T) item);
                }
            }
            consumer.finish();
        } catch (Throwable e) {
            failure.set(e);
        }
    }

    /** Queues a batch, waiting for room, unless the consumer failed (and takes no more). */
    private static void put(BlockingQueue<Object[]> queue, Object[] batch, AtomicReference<Throwable> failure) {
        try {
            while (failure.get() == null && !queue.offer(batch, 10, TimeUnit.MILLISECONDS)) {
                // the consumer is busy; look again whether it failed
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while streaming the sync input", e);
        }
    }

    /** Waits for the consumer to end, so nothing else uses the connection meanwhile. */
    private static void joinUninterruptibly(Thread worker) {
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
