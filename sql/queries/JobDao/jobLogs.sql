-- The lines of a job in order: its chunks by id, each chunk's lines by position.
SELECT c.stage, u.line
FROM job_logs c, unnest(c.lines) WITH ORDINALITY AS u(line, n)
WHERE c.job = :job
ORDER BY c.id, u.n
