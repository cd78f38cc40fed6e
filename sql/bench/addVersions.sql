-- ? = versions per crate, ? = first crate id, ? = last crate id. One statement per chunk of crates, so the
-- queue trigger adds their pairs set-based without holding millions of rows in one transition table.
INSERT INTO crate_versions (crate, version, checksum)
SELECT c.id, '1.0.' || v, md5(c.id || '/' || v) || md5(v || '/' || c.id)
FROM crates c, generate_series(1, ?::int) v
WHERE c.id BETWEEN ?::bigint AND ?::bigint
ORDER BY c.id, v
