package rs.builds.database;

/**
 * What a prune of old jobs removed ({@link WriteHandle#jobsPrune}, {@link Metadata#jobsPrune}).
 *
 * @param jobs jobs deleted, with their logs
 * @param logsOf jobs kept (for their artifacts, or with {@code logsOnly}) whose logs were deleted
 * @param logLines log lines deleted, of both
 */
public record JobsPruned(long jobs, long logsOf, long logLines) {
    /** Nothing removed. */
    public static final JobsPruned NONE = new JobsPruned(0, 0, 0);

    /**
     * {@return the sum of both}
     *
     * @param other what another batch removed
     */
    public JobsPruned plus(JobsPruned other) {
        return new JobsPruned(jobs + other.jobs, logsOf + other.logsOf, logLines + other.logLines);
    }
}
