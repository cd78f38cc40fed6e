package rs.builds.database.bench.soak;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import rs.builds.database.DatabaseException;
import rs.builds.database.Metadata;
import rs.builds.database.QueueListener;

/** The backend's queue listener: wakes the idle builders whenever work may have become claimable. */
final class SoakWaker extends SoakActor {
    private final Metadata backend;
    private final SoakIdle idle;
    private QueueListener listener;

    SoakWaker(Metadata backend, SoakIdle idle, SoakStats stats, AtomicBoolean stopping, long seed) {
        super("queue listener", stats, stopping, seed);
        this.backend = backend;
        this.idle = idle;
    }

    @Override
    void step() throws InterruptedException {
        try {
            if (listener == null) {
                listener = backend.queueListener();
            }
            if (listener.await(Duration.ofSeconds(1))) {
                stats.count("listener wake-up");
                idle.wakeAll();
            }
        } catch (DatabaseException e) {
            stats.error("queue listener", e);
            pause(500);
        }
    }

    @Override
    void finish() {
        if (listener != null) {
            listener.close();
        }
    }
}
