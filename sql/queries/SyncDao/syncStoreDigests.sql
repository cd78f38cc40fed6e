-- After applying: the digest of each crate whose stored versions are now exactly the rows of its one group. That
-- holds for a crate listed in one group that the client checked (it has a digest) and did not skip (its digest is
-- stored already), none of whose rows a lenient sync rejected, and none of whose stored versions the input lacks:
-- each row is now stored as listed (it matched or was added, its yanked flag updated), and the rows name
-- different versions, all of them stored, and no others. (sync_missing holds every missing version whenever any
-- is missing.) The triggers deleted the digests of the crates this sync wrote before.
INSERT INTO crate_sync_digests (crate, digest)
SELECT c.id, g.digest
FROM sync_groups g
JOIN crates c ON c.name = g.crate
WHERE g.groups = 1
  AND g.skipped_groups = 0
  AND g.digest IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM sync_diff d WHERE d.crate = g.crate AND d.stored_checksum <> d.checksum)
  AND NOT EXISTS (SELECT 1 FROM sync_missing m WHERE m.crate = g.crate)
ON CONFLICT (crate) DO UPDATE SET digest = EXCLUDED.digest
WHERE crate_sync_digests.digest <> EXCLUDED.digest
