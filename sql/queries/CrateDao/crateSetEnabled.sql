UPDATE crates
SET enabled = :enabled
WHERE name = :name
