SELECT name, enabled, priority
FROM crates
ORDER BY name
LIMIT :limit OFFSET :offset
