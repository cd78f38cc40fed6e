INSERT INTO builder_targets (builder, target)
VALUES (:builder, :target)
ON CONFLICT DO NOTHING
