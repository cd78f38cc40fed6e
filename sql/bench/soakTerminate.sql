-- Soak fault: ends a few random client sessions of the soak's database (not this one), as an operator's
-- pg_terminate_backend or a network fault would. The LIMIT is in a subquery, so that only the chosen are ended.
SELECT chosen.usename, pg_terminate_backend(chosen.pid)
FROM (
    SELECT a.pid, a.usename
    FROM pg_stat_activity a
    WHERE a.datname = ?
      AND a.backend_type = 'client backend'
      AND a.pid <> pg_backend_pid()
    ORDER BY random()
    LIMIT ?
) chosen
