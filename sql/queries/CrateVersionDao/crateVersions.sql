SELECT c.name AS crate, v.version, v.checksum, v.yanked
FROM crate_versions v
JOIN crates c ON c.id = v.crate
WHERE v.crate = :crate
ORDER BY v.id
