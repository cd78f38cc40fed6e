package rs.builds.database;

import java.time.Instant;
import java.util.UUID;

/**
 * A build job.
 *
 * @param uuid the job's identifier
 * @param builder the builder that claimed it
 * @param target the target being built
 * @param crate the crate being built
 * @param version the version being built
 * @param stage its current stage
 * @param started when it was claimed
 * @param timeout when its lease ends unless the builder sends a heartbeat
 * @param ended when it finished, or {@code null} while it runs
 * @param success whether it succeeded, or {@code null} while it runs
 */
public record JobInfo(UUID uuid, UUID builder, String target, String crate, String version, JobStage stage,
                      Instant started, Instant timeout, Instant ended, Boolean success) {
    /** {@return whether the job is still running} */
    public boolean running() {
        return ended == null;
    }
}
