-- builder_targets rows go with it (ON DELETE CASCADE); the caller then removes the key
DELETE FROM builders
WHERE id = :builder
RETURNING pubkey
