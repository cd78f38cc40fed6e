-- Crates the input does not list: no group row names them.
SELECT c.name
FROM crates c
WHERE NOT EXISTS (SELECT 1
                  FROM sync_staging s
                  WHERE s.crate = c.name
                    AND s.version = '') -- group rows (SyncCopyRows.GROUP_ROW_VERSION)
ORDER BY c.name
LIMIT :limit
