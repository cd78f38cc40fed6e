-- In a sync into empty tables, a version listed twice, where the client could not see it: in a crate listed in several
-- groups or in a group too large to hold. Run after syncBulkMerge, before the unique index is built again.
SELECT c.name AS crate, v.version
FROM crate_versions v
JOIN crates c ON c.id = v.crate
GROUP BY c.name, v.version
HAVING count(*) > 1
ORDER BY c.name, v.version
LIMIT 1
