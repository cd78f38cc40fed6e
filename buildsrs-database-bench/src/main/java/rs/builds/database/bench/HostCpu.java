package rs.builds.database.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's CPU time counters ({@code /proc/stat}'s first line), to say how much of a measurement's time the
 * host took from this virtual machine (steal: this machine's CPUs were ready to run but the host ran something else).
 * A latency's tail on a shared two-core VM moves with it, so the benchmark prints it beside the numbers it affects.
 */
final class HostCpu {
    private static final Path STAT = Path.of("/proc/stat");
    /** user, nice, system, idle, iowait, irq, softirq, steal: the fields of the line, in clock ticks. */
    private static final int FIELDS = 8;
    private static final int STEAL = 7;

    /** Null where the counters cannot be read (not Linux). */
    private final long[] ticks;

    private HostCpu(long[] ticks) {
        this.ticks = ticks;
    }

    /** The counters now. */
    static HostCpu now() {
        try {
            String[] line = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            if (!line[0].equals("cpu") || line.length < FIELDS + 1) {
                return new HostCpu(null);
            }
            long[] ticks = new long[FIELDS];
            for (int i = 0; i < FIELDS; i++) {
                ticks[i] = Long.parseLong(line[i + 1]);
            }
            return new HostCpu(ticks);
        } catch (IOException | RuntimeException e) {
            return new HostCpu(null);
        }
    }

    /** @return "steal N.N %" of all CPU time since {@code before}, or "steal n/a" where it cannot be known */
    String stealSince(HostCpu before) {
        if (ticks == null || before.ticks == null) {
            return "steal n/a";
        }
        long total = 0;
        for (int i = 0; i < FIELDS; i++) {
            total += ticks[i] - before.ticks[i];
        }
        if (total <= 0) {
            return "steal n/a";
        }
        return String.format("steal %.1f %%", 100.0 * (ticks[STEAL] - before.ticks[STEAL]) / total);
    }
}
