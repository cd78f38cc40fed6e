-- Appends lines in one round trip: lock the running job (so its stage and end cannot change under the append) and
-- insert them as chunks of up to 1,000 consecutive lines (see V9__compact_logs_and_retention.sql), tagged with its
-- stage, in order. No row when the job is missing or finished. Run by JobStore through plain JDBC (every line of
-- every build comes through here), so its parameters are ?s: the job's uuid, then the lines as text[].
WITH job AS (
    SELECT id, stage
    FROM jobs
    WHERE uuid = ?
      AND ended IS NULL
    FOR SHARE
)
INSERT INTO job_logs (job, stage, lines)
SELECT job.id, job.stage, l.lines[s.first : s.first + 999]
FROM job, (SELECT CAST(? AS text[]) AS lines) l, generate_series(1, cardinality(l.lines), 1000) AS s(first)
ORDER BY s.first
