-- One pass over the input rows: keep only those that differ from what is stored (new crate, new version, changed
-- checksum or yanked flag). A resync without changes leaves this table empty and writes nothing else.
INSERT INTO sync_diff (crate, version, checksum, yanked, crate_id, version_id, stored_checksum, stored_yanked)
SELECT s.crate, s.version, s.checksum, s.yanked,
       c.id AS crate_id, v.id AS version_id, v.checksum AS stored_checksum, v.yanked AS stored_yanked
FROM sync_staging s
LEFT JOIN crates c ON c.name = s.crate
LEFT JOIN crate_versions v ON v.crate = c.id AND v.version = s.version
WHERE s.version <> '' -- input rows, not group rows (SyncCopyRows.GROUP_ROW_VERSION)
  AND (v.id IS NULL
       OR v.checksum <> s.checksum
       OR v.yanked <> s.yanked)
