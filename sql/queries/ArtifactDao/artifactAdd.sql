INSERT INTO job_artifacts (job, name, hash, size, signature)
VALUES (:job, :name, :hash, :size, :signature)
ON CONFLICT (job, name) DO NOTHING
RETURNING id
