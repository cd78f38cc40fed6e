-- A crate another transaction added since the diff (crateAdd does not wait for a sync) is left to it, not counted.
INSERT INTO crates (name)
SELECT DISTINCT crate
FROM sync_diff
WHERE crate_id IS NULL
ON CONFLICT (name) DO NOTHING
