SELECT name, enabled, priority
FROM crates
WHERE name = :name
