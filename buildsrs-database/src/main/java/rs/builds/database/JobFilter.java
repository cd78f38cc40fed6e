package rs.builds.database;

import java.util.UUID;

/**
 * Which jobs {@link ReadHandle#jobList(JobFilter)} returns, newest first. Start from {@link #all()} and narrow it,
 * e.g. {@code JobFilter.all().crate("serde").version("1.0.0").success(false)} for the failed builds of serde 1.0.0;
 * every criterion left {@code null} matches everything. {@code jobList} checks the criteria, not this record.
 *
 * @param builder only jobs of this builder, or {@code null}
 * @param target only jobs for this target, or {@code null}
 * @param crate only jobs building a version of this crate (found ignoring case and '-'/'_', as
 *        {@link ReadHandle#crateInfo} finds it), or {@code null}
 * @param version only jobs building this version of {@code crate}, or {@code null}; needs {@code crate}
 * @param active {@code true} for running jobs only, {@code false} for finished ones only, {@code null} for both
 * @param success {@code true} for jobs that succeeded only, {@code false} for jobs that failed only (finished and
 *        not successful), {@code null} for any; either way running jobs are left out, as they have no result yet
 * @param limit page size, 1 to {@value #MAX_LIMIT}
 * @param offset jobs to skip, for the next pages; at least 0
 */
public record JobFilter(UUID builder, String target, String crate, String version, Boolean active, Boolean success,
                        int limit, int offset) {
    /** Largest page size. */
    public static final int MAX_LIMIT = 10_000;
    /** Page size of {@link #all()}. */
    public static final int DEFAULT_LIMIT = 100;

    /** {@return the first {@value #DEFAULT_LIMIT} jobs of any kind} */
    public static JobFilter all() {
        return new JobFilter(null, null, null, null, null, null, DEFAULT_LIMIT, 0);
    }

    /**
     * {@return a copy matching only this builder's jobs}
     *
     * @param builder the builder's UUID
     */
    public JobFilter builder(UUID builder) {
        return new JobFilter(builder, target, crate, version, active, success, limit, offset);
    }

    /**
     * {@return a copy matching only jobs for this target}
     *
     * @param target the target's name
     */
    public JobFilter target(String target) {
        return new JobFilter(builder, target, crate, version, active, success, limit, offset);
    }

    /**
     * {@return a copy matching only jobs building this crate}
     *
     * @param crate the crate's name
     */
    public JobFilter crate(String crate) {
        return new JobFilter(builder, target, crate, version, active, success, limit, offset);
    }

    /**
     * {@return a copy matching only jobs building this version of the crate}
     *
     * @param version a version of the crate given by {@link #crate(String)}, which {@code jobList} requires too
     */
    public JobFilter version(String version) {
        return new JobFilter(builder, target, crate, version, active, success, limit, offset);
    }

    /**
     * {@return a copy matching only running ({@code true}) or only finished ({@code false}) jobs}
     *
     * @param active {@code true} for running jobs, {@code false} for finished ones
     */
    public JobFilter active(boolean active) {
        return new JobFilter(builder, target, crate, version, active, success, limit, offset);
    }

    /**
     * {@return a copy matching only jobs that succeeded ({@code true}) or only jobs that failed ({@code false})}
     *
     * @param success {@code true} for jobs that succeeded, {@code false} for jobs that failed
     */
    public JobFilter success(boolean success) {
        return new JobFilter(builder, target, crate, version, active, success, limit, offset);
    }

    /**
     * {@return a copy returning {@code limit} jobs after skipping {@code offset}}
     *
     * @param limit how many jobs to return at most
     * @param offset how many matching jobs to skip first
     */
    public JobFilter page(int limit, int offset) {
        return new JobFilter(builder, target, crate, version, active, success, limit, offset);
    }
}
