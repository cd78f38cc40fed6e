INSERT INTO builders (uuid, pubkey, comment)
VALUES (:uuid, :pubkey, :comment)
ON CONFLICT (uuid) DO NOTHING
