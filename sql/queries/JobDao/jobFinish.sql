-- The trigger job_queue_job_ended moves the pair on.
UPDATE jobs
SET ended = greatest(now(), started), success = :success
WHERE id = :job
  AND ended IS NULL
