-- The stored digests of the crates a small input lists, instead of all of them (syncDigests): a sync of a few crates
-- then costs the same whatever number of crates is stored.
SELECT d.digest
FROM crate_sync_digests d
JOIN crates c ON c.id = d.crate
WHERE c.name = ANY (:names)
