-- Soak invariant: every (version, enabled target) pair is queued, running, finished (succeeded) or given up
-- (failed), exactly once: one job_queue row, in the state its jobs say. Returns the pairs that are not: no row, or
-- running without exactly one running job (or a running job on a pair not running), succeeded without its newest
-- ended job succeeding, failed without its attempts used up or its newest ended job failing.
WITH pairs AS (
    SELECT v.id AS crate_version, t.id AS target, c.name AS crate, v.version, t.name AS target_name
    FROM crate_versions v
    JOIN crates c ON c.id = v.crate
    CROSS JOIN targets t
    WHERE t.enabled
), runs AS (
    SELECT j.crate_version, j.target,
           count(*) FILTER (WHERE j.ended IS NULL) AS running,
           (array_agg(j.success ORDER BY j.ended DESC, j.id DESC) FILTER (WHERE j.ended IS NOT NULL))[1] AS newest
    FROM jobs j
    GROUP BY j.crate_version, j.target
)
SELECT p.crate, p.version, p.target_name, q.state, q.attempts, coalesce(r.running, 0) AS running, r.newest
FROM pairs p
LEFT JOIN job_queue q ON q.crate_version = p.crate_version AND q.target = p.target
LEFT JOIN runs r ON r.crate_version = p.crate_version AND r.target = p.target
CROSS JOIN queue_settings s
WHERE q.state IS NULL
   OR coalesce(r.running, 0) > 1
   OR (q.state = 'running') <> (coalesce(r.running, 0) = 1)
   OR (q.state = 'succeeded' AND r.newest IS DISTINCT FROM true)
   OR (q.state = 'failed' AND (q.attempts < s.max_attempts OR r.newest IS DISTINCT FROM false))
ORDER BY p.crate, p.version, p.target_name
