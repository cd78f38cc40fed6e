INSERT INTO pubkeys (encoded)
VALUES (:encoded)
ON CONFLICT (encoded) DO NOTHING
RETURNING id
