-- syncDiff when at most SyncStore.DIFF_BY_INDEX_MAX rows were sent: the stored version of each row by its unique index, one probe a row. The
-- planner cannot see that (crate, version) finds at most one row when both come from the join (it guesses dozens a
-- probe) and picks a hash join over the whole of crate_versions, about a second at 2M versions, for a sync of 100
-- crates; LIMIT 1 makes each probe cost what it does. A large input keeps syncDiff's hash join.
INSERT INTO sync_diff (crate, version, checksum, yanked, crate_id, version_id, stored_checksum, stored_yanked)
SELECT s.crate, s.version, s.checksum, s.yanked,
       c.id AS crate_id, v.id AS version_id, v.checksum AS stored_checksum, v.yanked AS stored_yanked
FROM sync_staging s
LEFT JOIN crates c ON c.name = s.crate
LEFT JOIN LATERAL (
    SELECT v.id, v.checksum, v.yanked
    FROM crate_versions v
    WHERE v.crate = c.id AND v.version = s.version
    LIMIT 1
) v ON true
WHERE s.version <> '' -- input rows, not group rows (SyncCopyRows.GROUP_ROW_VERSION)
  AND (v.id IS NULL
       OR v.checksum <> s.checksum
       OR v.yanked <> s.yanked)
