-- The lines of job_logs, in order, one row each as V8 stored them.
INSERT INTO v8_job_logs (job, stage, line)
SELECT c.job, c.stage, u.line
FROM job_logs c, unnest(c.lines) WITH ORDINALITY AS u(line, n)
ORDER BY c.job, c.id, u.n
