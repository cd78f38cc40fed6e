-- After a job finished (or jobs expired), in a statement of its own: merge their small log chunks (V9).
SELECT job_logs_compact(CAST(:jobs AS bigint[]))
