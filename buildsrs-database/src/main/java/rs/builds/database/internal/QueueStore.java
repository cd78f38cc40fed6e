package rs.builds.database.internal;

import java.time.Duration;
import org.jdbi.v3.core.Handle;
import rs.builds.database.ConflictException;
import rs.builds.database.InvalidInputException;
import rs.builds.database.MetadataCounts;
import rs.builds.database.QueueSettings;
import rs.builds.database.QueueStats;

/** The queue's admin operations: statistics, settings, lock, requeue. */
final class QueueStore {
    /** Longest lease, retry backoff or heartbeat window: longer ones overflow timestamps or mean a typo. */
    private static final Duration LONGEST = Duration.ofDays(365);

    private final QueueDao queue;
    private final CrateStore crates;
    private final TargetStore targets;

    QueueStore(Handle handle, CrateStore crates, TargetStore targets) {
        this.queue = handle.attach(QueueDao.class);
        this.crates = crates;
        this.targets = targets;
    }

    QueueStats stats() {
        return new QueueStats(queue.queueSettings().locked(), queue.queueStats());
    }

    MetadataCounts counts(Duration seenWithin) {
        if (seenWithin == null || seenWithin.isNegative() || seenWithin.compareTo(LONGEST) > 0) {
            throw new InvalidInputException("the heartbeat window must be from 0 to 365 days (got " + seenWithin + ")");
        }
        return queue.metadataCounts(seenWithin.toMillis());
    }

    QueueSettings settings() {
        return queue.queueSettings();
    }

    void setLocked(boolean locked) {
        queue.queueSetLocked(locked);
    }

    void configure(int maxAttempts, Duration lease, Duration retryBackoff) {
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new InvalidInputException("max attempts must be between 1 and 100 (got " + maxAttempts + ")");
        }
        if (lease == null || lease.compareTo(Duration.ofSeconds(1)) < 0 || lease.compareTo(LONGEST) > 0) {
            throw new InvalidInputException("lease must be from one second to 365 days (got " + lease + ")");
        }
        if (retryBackoff == null || retryBackoff.isNegative() || retryBackoff.compareTo(LONGEST) > 0) {
            throw new InvalidInputException("retry backoff must be from 0 to 365 days (got " + retryBackoff + ")");
        }
        queue.queueConfigure(maxAttempts, lease.toMillis(), retryBackoff.toMillis());
    }

    void requeue(String crate, String version, String target) {
        long crateVersion = crates.versionId(crate, version);
        if (queue.jobRequeue(crateVersion, targets.id(target)) == 0) {
            throw new ConflictException(ConflictException.Reason.BUILDING, "pair", crate + " " + version + " " + target,
                    "crate '" + crate + "' version '" + version + "' is being built for target '"
                    + target + "' now; requeue it after its job ends", null);
        }
    }
}
