-- Stored versions absent from the input, of the crates the input lists.
SELECT c.name AS crate, v.version
FROM crate_versions v
JOIN crates c ON c.id = v.crate
WHERE c.name IN (SELECT s.crate FROM sync_staging s)
  AND NOT EXISTS (SELECT 1 FROM sync_staging s WHERE s.crate = c.name AND s.version = v.version)
ORDER BY c.name, v.version
