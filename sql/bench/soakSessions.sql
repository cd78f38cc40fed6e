-- Soak invariant: the client sessions on the soak's database (but this one), by user and state: with every actor
-- stopped, only the services' pools may be left, idle.
SELECT coalesce(a.usename, '?'), coalesce(a.state, '?'), count(*)
FROM pg_stat_activity a
WHERE a.datname = current_database()
  AND a.backend_type = 'client backend'
  AND a.pid <> pg_backend_pid()
GROUP BY a.usename, a.state
ORDER BY 1, 2
