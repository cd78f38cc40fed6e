SELECT id
FROM targets
WHERE name = :name
