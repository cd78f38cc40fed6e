SELECT crate, version, stored_checksum AS stored, checksum AS offered
FROM sync_diff
WHERE version_id IS NOT NULL
  AND stored_checksum <> checksum
ORDER BY crate, version
