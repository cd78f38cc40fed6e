-- A few lines in one round trip: lock the running job (so its stage and end cannot change under the append) and
-- insert, tagged with its stage. No row when the job is missing or finished. Larger batches go by COPY
-- (jobLogCopy.sql), whose set-up costs more than a few rows.
WITH job AS (
    SELECT id, stage
    FROM jobs
    WHERE uuid = :job
      AND ended IS NULL
    FOR SHARE
)
INSERT INTO job_logs (job, stage, line)
SELECT job.id, job.stage, u.line
FROM job, unnest(CAST(:lines AS text[])) WITH ORDINALITY AS u(line, n)
ORDER BY u.n
