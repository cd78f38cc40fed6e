-- pubkey_fingerprints rows go with it (ON DELETE CASCADE)
DELETE FROM pubkeys
WHERE id = :pubkey
