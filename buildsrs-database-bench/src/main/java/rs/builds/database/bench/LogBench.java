package rs.builds.database.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import rs.builds.database.Metadata;

/** Log appends: batched as the API takes them, against one insert per line. */
final class LogBench {
    private static final int PER_TRANSACTION = 1000;

    private LogBench() {
    }

    /** @return lines per second appending {@code lines} lines in batches of 1000, one transaction each */
    static double batched(Metadata metadata, UUID job, int lines) {
        List<String> batch = batch(PER_TRANSACTION);
        long start = System.nanoTime();
        for (int done = 0; done < lines; done += PER_TRANSACTION) {
            metadata.useTransaction(write -> {
                write.jobLog(job, batch);
            });
        }
        return lines / ((System.nanoTime() - start) / 1e9);
    }

    /** @return lines per second appending one line per call, committing every 1000 lines */
    static double perLine(Metadata metadata, UUID job, int lines) {
        List<String> batch = batch(PER_TRANSACTION);
        long start = System.nanoTime();
        for (int done = 0; done < lines; done += PER_TRANSACTION) {
            metadata.useTransaction(write -> {
                for (String line : batch) {
                    write.jobLog(job, List.of(line));
                }
            });
        }
        return lines / ((System.nanoTime() - start) / 1e9);
    }

    private static List<String> batch(int size) {
        List<String> lines = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            lines.add("   Compiling serde_derive v1.0." + i + " (/build/registry/src/serde_derive-1.0." + i + ")");
        }
        return lines;
    }
}
