-- builder_targets rows go with it (ON DELETE CASCADE)
DELETE FROM targets
WHERE id = :target
