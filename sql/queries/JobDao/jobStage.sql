UPDATE jobs
SET stage = :stage
WHERE id = :job
  AND ended IS NULL
  AND stage < :stage
