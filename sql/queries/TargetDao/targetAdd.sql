INSERT INTO targets (name)
VALUES (:name)
ON CONFLICT (name) DO NOTHING
