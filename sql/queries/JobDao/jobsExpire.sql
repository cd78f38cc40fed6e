-- The trigger job_queue_job_ended moves each pair on, as for a failed job.
UPDATE jobs
SET ended = greatest(:now, started), success = false
WHERE ended IS NULL
  AND timeout < :now
