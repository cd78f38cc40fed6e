-- The whole batch in one statement, in the given order, tagged with the job's current stage.
INSERT INTO job_logs (job, stage, line)
SELECT j.id, j.stage, u.line
FROM jobs j, unnest(CAST(:lines AS text[])) WITH ORDINALITY AS u(line, n)
WHERE j.id = :job
  AND j.ended IS NULL
ORDER BY u.n
