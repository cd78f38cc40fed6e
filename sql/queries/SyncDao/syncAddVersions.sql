-- One statement, so the queue trigger queues all new versions set-based. Ids in byte order of the versions within a
-- crate, whatever the database's collation: a sync into empty tables (SyncIntoEmpty) numbers them the same way.
INSERT INTO crate_versions (crate, version, checksum, yanked)
SELECT c.id, d.version, d.checksum, d.yanked
FROM sync_diff d
JOIN crates c ON c.name = d.crate
WHERE d.version_id IS NULL
ORDER BY c.id, d.version COLLATE "C"
