-- Soak invariant: every stored version's checksum, for the comparison with the first one the sync sent.
SELECT c.name, v.version, v.checksum
FROM crate_versions v
JOIN crates c ON c.id = v.crate
