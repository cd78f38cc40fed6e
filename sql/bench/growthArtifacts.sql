-- ? = first job id, ? = last job id, ? = step: an artifact for every step-th successful job in the range.
INSERT INTO job_artifacts (job, name, hash, size, signature)
SELECT id, 'crate.rlib', md5(id::text) || md5(uuid::text), 10000 + id % 100000, md5(uuid::text)
FROM jobs
WHERE id BETWEEN ?::bigint AND ?::bigint
  AND id % ?::int = 0
  AND success
