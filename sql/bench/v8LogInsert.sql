-- V8's append of a few lines (jobLogInsert.sql of V8), into the V8 layout.
WITH job AS (
    SELECT id, stage
    FROM jobs
    WHERE uuid = ?
      AND ended IS NULL
    FOR SHARE
)
INSERT INTO v8_job_logs (job, stage, line)
SELECT job.id, job.stage, u.line
FROM job, unnest(CAST(? AS text[])) WITH ORDINALITY AS u(line, n)
ORDER BY u.n
