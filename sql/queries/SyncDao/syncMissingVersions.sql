-- Stored versions absent from the input, of the crates the input lists (run when the counts show there are some).
-- A crate with a skipped group has none: the group's digest matched all its stored versions. A group row matches no
-- stored version: its version (SyncCopyRows.GROUP_ROW_VERSION, '') is none's.
INSERT INTO sync_missing (crate, version)
SELECT c.name, v.version
FROM crate_versions v
JOIN crates c ON c.id = v.crate
JOIN sync_groups g ON g.crate = c.name
WHERE g.skipped_groups = 0
  AND NOT EXISTS (SELECT 1 FROM sync_staging s WHERE s.crate = c.name AND s.version = v.version)
