SELECT a.id, j.uuid AS job, a.name, a.hash, a.size, a.signature, a.downloads
FROM job_artifacts a
JOIN jobs j ON j.id = a.job
WHERE a.job = :job
ORDER BY a.name
