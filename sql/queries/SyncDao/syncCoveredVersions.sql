-- Stored versions of the crates the input lists.
SELECT count(*)
FROM crate_versions v
JOIN crates c ON c.id = v.crate
WHERE c.name IN (SELECT g.crate FROM sync_groups g)
