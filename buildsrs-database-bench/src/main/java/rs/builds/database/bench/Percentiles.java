package rs.builds.database.bench;

import java.util.Arrays;

/** Percentiles of recorded latencies, in microseconds. */
final class Percentiles {
    private final long[] sorted;

    Percentiles(long[] nanos) {
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    /** @return the p-th percentile (0 to 100) in milliseconds */
    double millis(double p) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
