INSERT INTO crates (name)
VALUES (:name)
ON CONFLICT (name) DO NOTHING
