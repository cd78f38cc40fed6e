-- Every crate (crate list --all): read through a cursor, a thousand rows at a time.
SELECT name, enabled, priority
FROM crates
ORDER BY name
