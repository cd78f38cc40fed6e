-- Only a changed yanked flag is written, and only while the checksum matches: an unchanged version is not
-- rewritten (no dead tuple), and a changed checksum updates nothing (the caller reports the conflict).
INSERT INTO crate_versions (crate, version, checksum, yanked)
VALUES (:crate, :version, :checksum, :yanked)
ON CONFLICT (crate, version) DO UPDATE
SET yanked = EXCLUDED.yanked
WHERE crate_versions.checksum = EXCLUDED.checksum
  AND crate_versions.yanked <> EXCLUDED.yanked
