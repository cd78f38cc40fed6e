-- Soak invariant: how many (version, enabled target) pairs there are, for the report.
SELECT count(*)
FROM crate_versions v
CROSS JOIN targets t
WHERE t.enabled
