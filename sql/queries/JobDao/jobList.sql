-- Newest first; each criterion is skipped when its parameter is null. The builder and target are ids and the crate
-- or version an array of version ids (resolved from names first, a crate by its canonical name: jobListIds.sql), so
-- the page is chosen from jobs alone, by their indexes, and only its rows are joined for their names. A running
-- job's success is null, so a success criterion matches finished jobs only. Run planned per call (PlannedPerCall):
-- the criteria not given drop out of the plan, and a target's share of all jobs is estimated from jobs.target's
-- statistics for its id. Versions are asked for as finished or running jobs: each half has its index
-- (V14__claims_skip_the_version_index.sql), which the planner combines; asked as one, it would scan every job.
-- A builder's jobs start at its newest (jobs_builder_newest): the planner walks the primary key backwards and
-- filters by builder, counting on the builder's share of jobs to be spread evenly, and for a builder retired a
-- million jobs ago it walked through all of those first (356 ms at 10M jobs; 0.4 ms from its newest).
-- The projection is job_details' (V13, which jobInfo reads), written out: joining the page to the view reads each
-- job again by primary key, which doubled the growth benchmark's jobList by crate (p50 3.4 -> 7.2 ms, p99 10.6 ->
-- 16.0 ms at 10M jobs). JobListTest.eachListedJobIsWhatJobInfoShows keeps the two the same.
SELECT j.uuid, b.uuid AS builder, t.name AS target, c.name AS crate, v.version, j.stage,
       j.started, j.timeout, j.ended, j.success
FROM (
    SELECT j.id, j.uuid, j.builder, j.target, j.crate_version, j.stage, j.started, j.timeout, j.ended, j.success
    FROM jobs j
    WHERE (CAST(:builder AS bigint) IS NULL OR j.builder = CAST(:builder AS bigint))
      AND (CAST(:builder AS bigint) IS NULL
           OR j.id <= (SELECT max(n.id) FROM jobs n WHERE n.builder = CAST(:builder AS bigint)))
      AND (CAST(:target AS bigint) IS NULL OR j.target = CAST(:target AS bigint))
      AND (CAST(:versions AS bigint[]) IS NULL
           OR (j.crate_version = ANY (CAST(:versions AS bigint[])) AND j.ended IS NOT NULL)
           OR (j.crate_version = ANY (CAST(:versions AS bigint[])) AND j.ended IS NULL))
      AND (CAST(:active AS boolean) IS NULL OR (j.ended IS NULL) = CAST(:active AS boolean))
      AND (CAST(:success AS boolean) IS NULL OR j.success = CAST(:success AS boolean))
    ORDER BY j.id DESC
    LIMIT :limit
    OFFSET :offset
) j
JOIN builders b ON b.id = j.builder
JOIN targets t ON t.id = j.target
JOIN crate_versions v ON v.id = j.crate_version
JOIN crates c ON c.id = v.crate
ORDER BY j.id DESC
