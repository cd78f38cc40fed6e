UPDATE targets
SET name = :newName
WHERE id = :target
