-- Exact counts: fine for an admin's status command (a full scan of crate_versions takes a fraction of a second
-- at crates.io scale), too slow for a hot path.
SELECT (SELECT count(*) FROM crates) AS crates,
       (SELECT count(*) FROM crate_versions) AS versions,
       (SELECT count(*) FROM builders) AS builders,
       (SELECT count(*) FROM builders WHERE enabled) AS builders_enabled,
       (SELECT count(*) FROM builders WHERE heartbeat >= now() - make_interval(secs => :seenWithinMillis / 1000.0))
           AS builders_seen,
       (SELECT count(*) FROM targets) AS targets,
       (SELECT count(*) FROM targets WHERE enabled) AS targets_enabled,
       (SELECT count(*) FROM jobs WHERE ended IS NULL) AS jobs_running
