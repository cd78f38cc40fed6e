package rs.builds.database.bench.soak;

import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import rs.builds.database.DatabaseException;
import rs.builds.database.DatabaseUnavailableException;
import rs.builds.database.Metadata;
import rs.builds.database.TransactionWork;

/**
 * One of the soak's actors, on a thread of its own: repeats a step until the run stops, counting what it did and
 * what failed. A failure never ends it: it pauses and goes on, as a service would.
 */
abstract class SoakActor implements Runnable {
    /**
     * The outcome of a transaction.
     *
     * @param value what the work returned, if it committed
     * @param committed whether its commit was seen
     * @param uncertain whether the connection broke so that whether it committed is unknown
     */
    record Attempt<T>(T value, boolean committed, boolean uncertain) {
    }

    final String name;
    final SoakStats stats;
    final Random random;
    private final AtomicBoolean stopping;

    SoakActor(String name, SoakStats stats, AtomicBoolean stopping, long seed) {
        this.name = name;
        this.stats = stats;
        this.stopping = stopping;
        this.random = new Random(seed);
    }

    /** One round of the actor's work. */
    abstract void step() throws InterruptedException;

    /** Called once the run stops, on the actor's thread. */
    void finish() {
    }

    @Override
    public final void run() {
        try {
            while (!stopping()) {
                try {
                    step();
                } catch (RuntimeException e) {
                    stats.error(name, e);
                    pause(200);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finish();
        }
    }

    boolean stopping() {
        return stopping.get();
    }

    /** Runs one transaction, counting it under {@code operation} when its commit is seen and as an error if not. */
    <T> Attempt<T> attempt(Metadata metadata, String operation, TransactionWork<T> work) {
        try {
            T value = metadata.inTransaction(work);
            stats.count(operation);
            return new Attempt<>(value, true, false);
        } catch (DatabaseUnavailableException e) {
            stats.error(operation, e);
            return new Attempt<>(null, false, true);
        } catch (DatabaseException e) {
            stats.error(operation, e);
            return new Attempt<>(null, false, false);
        }
    }

    /** Sleeps, unless the run is stopping. */
    void pause(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!stopping()) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.min(left, 250));
        }
    }
}
