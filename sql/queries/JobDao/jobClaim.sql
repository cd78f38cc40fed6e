-- One statement: pick the first claimable pair of the target from the partial index job_queue_claim, skipping
-- pairs other claims hold locked (they never wait on each other), mark it running and create its job.
WITH next AS (
    SELECT q.crate_version, q.target
    FROM job_queue q
    WHERE q.target = :target
      AND q.state = 'queued'
      AND q.active
      AND q.not_before <= now()
      AND NOT (SELECT locked FROM queue_settings)
    ORDER BY q.priority DESC, q.crate_version DESC
    LIMIT 1
    FOR UPDATE OF q SKIP LOCKED
),
claimed AS (
    UPDATE job_queue q
    SET state = 'running'
    FROM next
    WHERE q.crate_version = next.crate_version
      AND q.target = next.target
    RETURNING q.crate_version, q.target
)
INSERT INTO jobs (uuid, builder, target, crate_version, timeout)
SELECT :uuid, :builder, c.target, c.crate_version, now() + s.lease
FROM claimed c, queue_settings s
RETURNING id
