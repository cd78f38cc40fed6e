package rs.builds.database.bench.soak;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import rs.builds.database.ConflictException;
import rs.builds.database.DatabaseUnavailableException;

/** Counts of what the soak's actors did, per operation, and of what failed, per operation and kind of failure. */
final class SoakStats {
    private final Map<String, LongAdder> operations = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, String> firstMessages = new ConcurrentHashMap<>();

    void count(String operation) {
        count(operation, 1);
    }

    void count(String operation, long times) {
        operations.computeIfAbsent(operation, name -> new LongAdder()).add(times);
    }

    void error(String operation, Throwable failure) {
        String key = operation + ": " + kind(failure);
        firstMessages.putIfAbsent(key, String.valueOf(failure.getMessage()));
        error(operation, kind(failure));
    }

    void error(String operation, String kind) {
        errors.computeIfAbsent(operation + ": " + kind, name -> new LongAdder()).increment();
    }

    long operations(String operation) {
        LongAdder count = operations.get(operation);
        return count == null ? 0 : count.sum();
    }

    Map<String, Long> operationCounts() {
        return sorted(operations);
    }

    Map<String, Long> errorCounts() {
        return sorted(errors);
    }

    /** @return the message of the first exception of each error kind, by the same key as {@link #errorCounts()} */
    Map<String, String> firstMessages() {
        return new TreeMap<>(firstMessages);
    }

    long errorTotal() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static Map<String, Long> sorted(Map<String, LongAdder> counts) {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((name, count) -> sorted.put(name, count.sum()));
        return sorted;
    }

    /**
     * The kind of a failure, in a few words: the exception's type, and for a database that cannot be used whether
     * the pool's timeout fired (the server stayed away longer than the connection timeout) or a connection was lost.
     */
    static String kind(Throwable failure) {
        String type = failure.getClass().getSimpleName();
        String message = String.valueOf(failure.getMessage());
        if (failure instanceof DatabaseUnavailableException) {
            if (message.startsWith("no database connection came free")) {
                return type + " (pool exhausted)";
            }
            if (message.contains("request timed out")) {
                return type + " (pool timeout: no connection within the connect timeout)";
            }
            if (message.contains("queue notifications")) {
                return type + " (listener connection)";
            }
            return type + " (connection lost or refused)";
        }
        if (failure instanceof ConflictException && message.contains("finished")) {
            return type + " (job finished: expired meanwhile)";
        }
        if (message.contains("out of step")) {
            return type + " (session out of step)";
        }
        return type;
    }
}
