-- Newest first; each criterion is skipped when its parameter is null. A running job's success is null, so a
-- success criterion matches finished jobs only. The target is resolved to its id in a subquery, so the planner
-- estimates its jobs by jobs.target's statistics (a target has a large share of all jobs) and reads the newest jobs;
-- by name, through the join, it guessed a handful and planned a parallel scan, whose workers cost more than the
-- page (run by JobStore planned per call: see PlannedPerCall). A crate is found by its canonical name (any case, '-'
-- as '_': V10__names.sql).
SELECT j.uuid, b.uuid AS builder, t.name AS target, c.name AS crate, v.version, j.stage,
       j.started, j.timeout, j.ended, j.success
FROM jobs j
JOIN builders b ON b.id = j.builder
JOIN targets t ON t.id = j.target
JOIN crate_versions v ON v.id = j.crate_version
JOIN crates c ON c.id = v.crate
WHERE (CAST(:builder AS uuid) IS NULL OR b.uuid = CAST(:builder AS uuid))
  AND (CAST(:target AS text) IS NULL OR j.target = (SELECT id FROM targets WHERE name = CAST(:target AS text)))
  AND (CAST(:crate AS text) IS NULL OR crate_name_canonical(c.name) = crate_name_canonical(CAST(:crate AS text)))
  AND (CAST(:version AS text) IS NULL OR v.version = CAST(:version AS text))
  AND (CAST(:active AS boolean) IS NULL OR (j.ended IS NULL) = CAST(:active AS boolean))
  AND (CAST(:success AS boolean) IS NULL OR j.success = CAST(:success AS boolean))
ORDER BY j.id DESC
LIMIT :limit
OFFSET :offset
