SELECT id
FROM crate_versions
WHERE crate = :crate
  AND version = :version
