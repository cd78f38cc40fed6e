-- Soak invariant: jobs still running after their lease ended (after the final expiry sweep there must be none).
SELECT j.uuid, j.timeout
FROM jobs j
WHERE j.ended IS NULL
  AND j.timeout < now()
ORDER BY j.timeout
