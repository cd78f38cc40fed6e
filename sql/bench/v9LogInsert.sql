-- The same statement as sql/queries/JobDao/jobLogInsert.sql (V9's append), for timing it through the plain JDBC
-- loop of the V8 baseline: separates the server's cost from the API's.
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
