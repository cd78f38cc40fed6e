SELECT stage, line
FROM job_logs
WHERE job = :job
ORDER BY id
