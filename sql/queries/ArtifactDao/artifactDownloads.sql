SELECT date, downloads
FROM job_artifact_downloads
WHERE artifact = :artifact
  AND date BETWEEN :from AND :to
ORDER BY date
