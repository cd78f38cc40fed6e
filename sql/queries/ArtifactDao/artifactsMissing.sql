SELECT DISTINCT u.id
FROM unnest(CAST(:ids AS bigint[])) AS u(id)
WHERE NOT EXISTS (SELECT 1 FROM job_artifacts a WHERE a.id = u.id)
ORDER BY u.id
