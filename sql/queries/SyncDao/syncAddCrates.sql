INSERT INTO crates (name)
SELECT DISTINCT crate
FROM sync_diff
WHERE crate_id IS NULL
