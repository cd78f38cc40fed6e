-- Newest first; each criterion is skipped when its parameter is null. The builder and target are ids and the crate
-- or version an array of version ids (resolved from names first, a crate by its canonical name: jobListIds.sql), so
-- the page is chosen from jobs alone, by their indexes, and only its rows are joined for their names (job_details,
-- by primary key). A running job's success is null, so a success criterion matches finished jobs only. Run planned
-- per call (PlannedPerCall): the criteria not given drop out of the plan, and a target's share of all jobs is
-- estimated from jobs.target's statistics for its id.
SELECT d.uuid, d.builder, d.target, d.crate, d.version, d.stage, d.started, d.timeout, d.ended, d.success
FROM (
    SELECT j.id
    FROM jobs j
    WHERE (CAST(:builder AS bigint) IS NULL OR j.builder = CAST(:builder AS bigint))
      AND (CAST(:target AS bigint) IS NULL OR j.target = CAST(:target AS bigint))
      AND (CAST(:versions AS bigint[]) IS NULL OR j.crate_version = ANY (CAST(:versions AS bigint[])))
      AND (CAST(:active AS boolean) IS NULL OR (j.ended IS NULL) = CAST(:active AS boolean))
      AND (CAST(:success AS boolean) IS NULL OR j.success = CAST(:success AS boolean))
    ORDER BY j.id DESC
    LIMIT :limit
    OFFSET :offset
) page
JOIN job_details d ON d.id = page.id
ORDER BY page.id DESC
