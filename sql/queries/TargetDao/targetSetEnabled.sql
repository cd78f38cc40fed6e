UPDATE targets
SET enabled = :enabled
WHERE name = :name
