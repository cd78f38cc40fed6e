package rs.builds.database.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import rs.builds.database.JobInfo;
import rs.builds.database.Metadata;

/** Builders claiming side by side, each claim its own committed transaction, as the backend does. */
final class ClaimBench {
    /** What a run did. */
    record Result(long claims, double seconds, int doubleClaims) {
        double perSecond() {
            return claims / seconds;
        }
    }

    /** How a builder claims. */
    enum Mode {
        /** {@link Metadata#jobRequest}: a transaction of its own, one round trip. */
        ONE_SHOT,
        /** {@link rs.builds.database.WriteHandle#jobRequest} in {@link Metadata#inTransaction}. */
        IN_TRANSACTION;

        Optional<JobInfo> claim(Metadata metadata, UUID builder) {
            return this == ONE_SHOT ? metadata.jobRequest(builder)
                    : metadata.inTransaction(write -> write.jobRequest(builder));
        }
    }

    private ClaimBench() {
    }

    /**
     * @param builders one thread per builder
     * @param seconds how long to claim, unless {@code maxClaims} comes first
     * @param maxClaims stop after this many claims in all
     * @param mode how each claim is made
     */
    static Result run(Metadata metadata, List<UUID> builders, double seconds, long maxClaims, Mode mode)
            throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        java.util.concurrent.atomic.AtomicLong total = new java.util.concurrent.atomic.AtomicLong();
        ExecutorService executor = Executors.newFixedThreadPool(builders.size());
        List<Future<List<String>>> runs = new ArrayList<>();
        long start = System.nanoTime();
        for (UUID builder : builders) {
            runs.add(executor.submit(() -> {
                List<String> pairs = new ArrayList<>();
                while (System.nanoTime() < deadline && total.get() < maxClaims) {
                    Optional<JobInfo> job = mode.claim(metadata, builder);
                    if (job.isEmpty()) {
                        break;
                    }
                    total.incrementAndGet();
                    pairs.add(job.get().crate() + "@" + job.get().version() + "/" + job.get().target());
                }
                return pairs;
            }));
        }
        Set<String> seen = new HashSet<>();
        int doubles = 0;
        long claims = 0;
        for (Future<List<String>> run : runs) {
            for (String pair : run.get()) {
                claims++;
                if (!seen.add(pair)) {
                    doubles++;
                }
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        executor.shutdown();
        return new Result(claims, elapsed, doubles);
    }

    /** Claim latencies of one builder claiming alone (one-shot claims), in nanoseconds. */
    static long[] latencies(Metadata metadata, UUID builder, int claims) {
        long[] nanos = new long[claims];
        for (int i = 0; i < claims; i++) {
            long start = System.nanoTime();
            if (metadata.jobRequest(builder).isEmpty()) {
                throw new IllegalStateException("the queue ran dry after " + i + " claims");
            }
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }
}
