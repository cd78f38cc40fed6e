SELECT name, enabled
FROM crates
WHERE name = :name
