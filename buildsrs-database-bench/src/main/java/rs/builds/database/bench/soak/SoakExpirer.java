package rs.builds.database.bench.soak;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import rs.builds.database.Metadata;

/** The backend's expiry sweep: every few seconds, fails the jobs whose lease ran out, so their pairs come back. */
final class SoakExpirer extends SoakActor {
    private final Metadata backend;

    SoakExpirer(Metadata backend, SoakStats stats, AtomicBoolean stopping, long seed) {
        super("expire", stats, stopping, seed);
        this.backend = backend;
    }

    @Override
    void step() throws InterruptedException {
        pause(2_000 + random.nextInt(2_000));
        Attempt<Integer> expired = attempt(backend, "expiry sweep", write -> write.jobsExpire(Instant.now()));
        if (expired.committed()) {
            stats.count("jobs expired", expired.value());
        }
    }
}
