package rs.builds.database;

import java.time.Duration;

/**
 * Settings of the build queue, stored in the database so every backend instance uses the same. The ranges below
 * are the one home of the queue's limits: {@link WriteHandle#queueConfigure} checks them with {@link #check}, and
 * the schema's CHECK constraints on {@code queue_settings} (V13) hold the same bounds.
 *
 * @param locked whether claims are stopped
 * @param maxAttempts failed or expired attempts after which a pair leaves the queue until requeued,
 *        {@value #MIN_ATTEMPTS} to {@value #MAX_ATTEMPTS}
 * @param lease how long a claim or heartbeat keeps a job alive, from {@link #MIN_LEASE one second} to
 *        {@value #MAX_DAYS} days
 * @param retryBackoff wait before a failed pair is retried, doubled after each further failure; 0 to
 *        {@value #MAX_DAYS} days
 */
public record QueueSettings(boolean locked, int maxAttempts, Duration lease, Duration retryBackoff) {
    /** Fewest attempts a pair may be given. */
    public static final int MIN_ATTEMPTS = 1;
    /** Most attempts a pair may be given. */
    public static final int MAX_ATTEMPTS = 100;
    /** Shortest lease. */
    public static final Duration MIN_LEASE = Duration.ofSeconds(1);
    /** Longest lease or retry backoff, in days: longer ones overflow timestamps or mean a typo. */
    public static final int MAX_DAYS = 365;
    /** Longest lease or retry backoff, {@value #MAX_DAYS} days. */
    public static final Duration MAX_DURATION = Duration.ofDays(MAX_DAYS);

    /**
     * Checks each setting against its range.
     *
     * @param maxAttempts failed or expired attempts after which a pair leaves the queue
     * @param lease how long a claim or heartbeat keeps a job alive
     * @param retryBackoff wait before a failed pair is retried
     * @throws InvalidInputException naming the first setting out of range, its range and the value given
     */
    public static void check(int maxAttempts, Duration lease, Duration retryBackoff) {
        if (maxAttempts < MIN_ATTEMPTS || maxAttempts > MAX_ATTEMPTS) {
            throw new InvalidInputException("max attempts must be between " + MIN_ATTEMPTS + " and " + MAX_ATTEMPTS
                    + " (got " + maxAttempts + ")");
        }
        if (lease == null || lease.compareTo(MIN_LEASE) < 0 || lease.compareTo(MAX_DURATION) > 0) {
            throw new InvalidInputException("lease must be from one second to " + MAX_DAYS + " days (got " + lease
                    + ")");
        }
        if (retryBackoff == null || retryBackoff.isNegative() || retryBackoff.compareTo(MAX_DURATION) > 0) {
            throw new InvalidInputException("retry backoff must be from 0 to " + MAX_DAYS + " days (got "
                    + retryBackoff + ")");
        }
    }
}
