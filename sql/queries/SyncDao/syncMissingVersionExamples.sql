SELECT crate, version
FROM sync_missing
ORDER BY crate, version
LIMIT :limit
