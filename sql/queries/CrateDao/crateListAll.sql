SELECT name, enabled
FROM crates
ORDER BY name
LIMIT :limit
