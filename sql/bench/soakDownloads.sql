-- Soak invariant: each artifact's download total beside the sum of its daily counts.
SELECT a.id, a.downloads, coalesce(sum(d.downloads), 0) AS daily
FROM job_artifacts a
LEFT JOIN job_artifact_downloads d ON d.artifact = a.id
GROUP BY a.id, a.downloads
