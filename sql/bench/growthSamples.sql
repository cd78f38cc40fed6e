-- ? = kind, ? = how many: random keys for the read benchmark. Kinds: 'log' jobs with a log, 'artifact' jobs with an
-- artifact that has daily download rows (uuid and artifact id), 'job' any job.
SELECT j.uuid::text, coalesce(a.id, 0)
FROM jobs j
LEFT JOIN job_artifacts a ON a.job = j.id
WHERE CASE ?::text
          WHEN 'log' THEN EXISTS (SELECT FROM job_logs l WHERE l.job = j.id)
          WHEN 'artifact' THEN EXISTS (SELECT FROM job_artifact_downloads d WHERE d.artifact = a.id)
          ELSE true
      END
  AND j.id % 97 = 0
ORDER BY md5(j.id::text)
LIMIT ?::int
