INSERT INTO pubkeys (encoded)
VALUES (:encoded)
-- the only constraint that can conflict is pubkeys_encoded_unique (an exclusion constraint, so no target)
ON CONFLICT DO NOTHING
RETURNING id
