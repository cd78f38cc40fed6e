-- The trigger job_queue_job_ended moves each pair on, as for a failed job. Returns the expired jobs, whose logs the
-- store then compacts.
UPDATE jobs
SET ended = greatest(:now, started), success = false
WHERE ended IS NULL
  AND timeout < :now
RETURNING id
