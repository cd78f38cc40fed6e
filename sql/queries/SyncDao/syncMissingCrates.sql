SELECT c.name
FROM crates c
WHERE NOT EXISTS (SELECT 1 FROM sync_staging s WHERE s.crate = c.name)
ORDER BY c.name
LIMIT :limit
