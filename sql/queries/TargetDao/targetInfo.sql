SELECT name, enabled
FROM targets
WHERE name = :name
