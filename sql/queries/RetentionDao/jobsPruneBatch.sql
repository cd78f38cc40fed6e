-- One batch of job retention (WriteHandle.jobsPrune): the next :limit jobs after id :after that finished before
-- :before. Of those, each that is not the newest finished job of its (version, target) loses its log; without
-- :logsOnly, those of them without artifacts are deleted too (the triggers on jobs find their logs gone already).
-- Jobs with artifacts keep their row (the artifacts are the published build) and, without :logsOnly, their log.
-- Touches only finished jobs: claims, appends (running jobs) and download counts (artifacts) take no lock it holds.
WITH scanned AS (
    SELECT j.id, j.crate_version, j.target, j.ended
    FROM jobs j
    WHERE j.id > :after
      AND j.ended < :before
    ORDER BY j.id
    LIMIT :limit
), superseded AS (
    SELECT s.id, EXISTS (SELECT FROM job_artifacts a WHERE a.job = s.id) AS has_artifacts
    FROM scanned s
    WHERE EXISTS (
        SELECT FROM jobs n
        WHERE n.crate_version = s.crate_version
          AND n.target = s.target
          AND n.ended IS NOT NULL
          AND (n.ended, n.id) > (s.ended, s.id)
    )
), logs AS (
    DELETE FROM job_logs l
    USING superseded s
    WHERE l.job = s.id
      AND (:logsOnly OR NOT s.has_artifacts)
    RETURNING l.job, cardinality(l.lines) AS lines
), removed AS (
    DELETE FROM jobs j
    USING superseded s
    WHERE j.id = s.id
      AND NOT :logsOnly
      AND NOT s.has_artifacts
    RETURNING j.id
)
SELECT (SELECT count(*) FROM scanned) AS scanned,
       coalesce((SELECT max(id) FROM scanned), :after) AS last,
       (SELECT count(*) FROM removed) AS jobs,
       (SELECT count(DISTINCT job) FROM logs WHERE job NOT IN (SELECT id FROM removed)) AS logs_of,
       (SELECT coalesce(sum(lines), 0) FROM logs) AS lines
