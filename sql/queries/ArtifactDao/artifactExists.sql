SELECT EXISTS (SELECT 1 FROM job_artifacts WHERE id = :artifact)
