SELECT id
FROM crates
WHERE name = :name
